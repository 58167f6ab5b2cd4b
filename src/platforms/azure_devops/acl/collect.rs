//! The collection script an undecided verdict comes with: one copyable script, in bash and in
//! PowerShell, that runs every `az` export deciding an account's backup and restore
//! permissions and writes them into one file (`permcheck-collection.json`, read whole by
//! [`super::formats::collection`]):
//!
//! - the account's groups, and their groups in turn (`az devops security group membership
//!   list --relationship memberof`, breadth first: Graph lists direct memberships only);
//! - per security namespace the requirements read, what the account may do on every token
//!   (`az devops security permission list --subject … --recurse`: the service's effective
//!   answer, groups included) and every entry of every identity (`az devops invoke …
//!   accesscontrollists`), so the group that decides can be named.
//!
//! The account's descriptor is written once, in a variable; the groups' come from the answers.
//! Every call only reads.

use super::namespaces::Catalog;

/// The file the script writes.
pub const FILE: &str = "permcheck-collection.json";

/// The script in both shells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub bash: String,
    pub powershell: String,
}

/// A value for a POSIX shell's single quotes.
fn sh_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', "'\\''"))
}

/// A value for PowerShell's single quotes.
fn ps_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// The collection script for the identity az's `--subject` names `subject` (an e-mail or a
/// graph descriptor, unquoted), over the namespaces `namespace_ids`.
pub fn script(subject: &str, namespace_ids: &[&str], catalog: &Catalog) -> Script {
    let names: Vec<String> = namespace_ids
        .iter()
        .map(|id| {
            catalog
                .get(id)
                .map_or((*id).to_string(), |n| n.name.clone())
        })
        .collect();
    let header = [
        format!("permcheck collection for {subject}: its groups (transitively) and the ACLs of"),
        format!("{} into {FILE}, for permcheck to read whole.", names.join(", ")),
        "Read-only. Needs the Azure CLI with the azure-devops extension, signed in (az login), and".to_string(),
        "the organization set: az devops configure --defaults organization=https://dev.azure.com/<organization>".to_string(),
    ];
    let comment = |mark: &str| {
        header
            .iter()
            .map(|l| format!("{mark} {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let bash_namespaces = namespace_ids.join(" ");
    let bash = format!(
        r#"#!/usr/bin/env bash
{header}
set -u
SUBJECT={subject}
OUT={FILE}
json_string() {{
  local s=${{1//\\/\\\\}}
  s=${{s//\"/\\\"}}; s=${{s//$'\n'/\\n}}; s=${{s//$'\r'/\\r}}; s=${{s//$'\t'/\\t}}
  printf '"%s"' "$(printf '%s' "$s" | tr -d '\000-\037')"
}}
first=1
export_json() {{  # run one export; keep its JSON (or its error) with the command line
  local out err
  err=$(mktemp)
  if ! out=$("$@" --output json 2>"$err") || [ -z "$out" ]; then out=null; fi
  [ "$first" = 1 ] || printf ',\n' >>"$OUT"
  first=0
  printf '{{"command": %s, "output": %s, "error": %s}}' "$(json_string "$*")" "$out" "$(json_string "$(cat "$err")")" >>"$OUT"
  rm -f "$err"
}}
printf '{{"permcheckCollection": 1, "account": %s, "exports": [\n' "$(json_string "$SUBJECT")" >"$OUT"
# Its groups, and theirs in turn (Graph lists direct memberships only).
queue=("$SUBJECT"); seen=" "
while [ ${{#queue[@]}} -gt 0 ]; do
  id=${{queue[0]}}; queue=("${{queue[@]:1}}")
  case "$seen" in *" $id "*) continue ;; esac
  seen="$seen$id "
  export_json az devops security group membership list --id "$id" --relationship memberof
  for group in $(az devops security group membership list --id "$id" --relationship memberof --query 'keys(@)' --output tsv 2>/dev/null); do
    queue+=("$group")
  done
done
# What it may do on every token (the service's answer), and every entry (to name the group that decides).
for ns in {bash_namespaces}; do
  export_json az devops security permission list --id "$ns" --subject "$SUBJECT" --recurse
  export_json az devops invoke --area security --resource accesscontrollists --route-parameters securityNamespaceId="$ns" --query-parameters recurse=true --api-version 7.1
done
printf '\n]}}\n' >>"$OUT"
echo "Wrote $OUT: paste or drop it into permcheck, or run: permcheck check $OUT""#,
        header = comment("#"),
        subject = sh_quote(subject),
    );
    let ps_namespaces = namespace_ids
        .iter()
        .map(|id| ps_quote(id))
        .collect::<Vec<_>>()
        .join(", ");
    let powershell = format!(
        r#"{header}
$Subject = {subject}
$Out = '{FILE}'
$exports = [System.Collections.Generic.List[string]]::new()
function Export-Json {{  # run one export; keep its JSON (or its error) with the command line
  $err = New-TemporaryFile
  $out = (& az @args --output json 2> $err.FullName) -join "`n"
  if ($LASTEXITCODE -ne 0 -or -not $out.Trim()) {{ $out = 'null' }}
  $message = Get-Content -Raw $err.FullName
  if ($null -eq $message) {{ $message = '' }}
  $exports.Add('{{"command": ' + (('az ' + ($args -join ' ')) | ConvertTo-Json) + ', "output": ' + $out + ', "error": ' + ($message | ConvertTo-Json) + '}}')
  Remove-Item $err.FullName
}}
# Its groups, and theirs in turn (Graph lists direct memberships only).
$queue = [System.Collections.Generic.Queue[string]]::new()
$queue.Enqueue($Subject)
$seen = @{{}}
while ($queue.Count -gt 0) {{
  $id = $queue.Dequeue()
  if ($seen.ContainsKey($id)) {{ continue }}
  $seen[$id] = $true
  Export-Json devops security group membership list --id $id --relationship memberof
  $groups = az devops security group membership list --id $id --relationship memberof --query 'keys(@)' --output tsv 2>$null
  foreach ($group in $groups) {{ if ($group) {{ $queue.Enqueue($group) }} }}
}}
# What it may do on every token (the service's answer), and every entry (to name the group that decides).
foreach ($ns in @({ps_namespaces})) {{
  Export-Json devops security permission list --id $ns --subject $Subject --recurse
  Export-Json devops invoke --area security --resource accesscontrollists --route-parameters "securityNamespaceId=$ns" --query-parameters recurse=true --api-version 7.1
}}
$json = '{{"permcheckCollection": 1, "account": ' + ($Subject | ConvertTo-Json) + ', "exports": [' + "`n" + ($exports -join ",`n") + "`n]}}"
[System.IO.File]::WriteAllText((Join-Path (Get-Location) $Out), $json)
Write-Host "Wrote ${{Out}}: paste or drop it into permcheck, or run: permcheck check $Out""#,
        header = comment("#"),
        subject = ps_quote(subject),
    );
    Script { bash, powershell }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acl::namespaces::ids;

    #[test]
    fn the_descriptor_is_written_once_and_every_namespace_exported() {
        let graph = "vssgp.Uy0xLTktMTU1MTM3NDI0NS0xMjA0NDAwOTY5LTI0MDI5ODY0MTMtMjE3OTQwODYxNi0zLTM5NTQxNzM3ODYtMTUyMTA4MTkyNS0yNTQwNTA4MjYzLTMzNDgxNjQxNjg";
        let s = script(graph, &[ids::GIT, ids::PROJECT], Catalog::shared());
        for text in [&s.bash, &s.powershell] {
            assert_eq!(
                text.matches(graph).count(),
                2,
                "the header and the variable: {text}"
            );
            assert!(text.contains("Git Repositories, Project"));
            assert!(text.contains(ids::GIT) && text.contains(ids::PROJECT));
            assert!(text.contains("security group membership list --id"));
            assert!(text.contains("security permission list --id"));
            assert!(text.contains(FILE));
            // No line starts with `az `: renderers would take it for a command of its own.
            assert!(text.lines().all(|l| !l.starts_with("az ")), "{text}");
        }
        assert!(s.bash.starts_with("#!/usr/bin/env bash\n"));
        assert!(s.bash.contains(&format!("SUBJECT='{graph}'")));
        assert!(s.powershell.contains(&format!("$Subject = '{graph}'")));
        // Quotes in a value stay inside the quoting.
        let odd = script("o'brien@contoso.com", &[ids::GIT], Catalog::shared());
        assert!(odd.bash.contains("SUBJECT='o'\\''brien@contoso.com'"));
        assert!(odd.powershell.contains("$Subject = 'o''brien@contoso.com'"));
    }

    /// The bash script, run against a stand-in `az` that answers like the real one, writes a
    /// file the collection reader reads whole.
    #[test]
    fn the_bash_script_writes_a_file_permcheck_reads() {
        let Ok(bash) = std::process::Command::new("bash").arg("--version").output() else {
            println!("skipped: no bash here");
            return;
        };
        if !bash.status.success() {
            println!("skipped: no bash here");
            return;
        }
        let dir = std::env::temp_dir().join(format!("permcheck-collect-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        // The stand-in: memberships of the account (one group, itself in none), an ACL list,
        // and a failure for `invoke`.
        let fake_az = r#"#!/usr/bin/env bash
case "$*" in
  *"membership list --id backup@contoso.com"*"keys(@)"*) echo "vssgp.Uy0xLTktMQ" ;;
  *"membership list --id backup@contoso.com"*) echo '{"vssgp.Uy0xLTktMQ": {"subjectKind": "group", "descriptor": "vssgp.Uy0xLTktMQ", "principalName": "[P]\\Readers"}}' ;;
  *"membership list"*"keys(@)"*) ;;
  *"membership list"*) echo '{}' ;;
  *"permission list"*) echo '[{"inheritPermissions": true, "token": "repoV2/p", "acesDictionary": {"x;1": {"descriptor": "x;1", "allow": 2, "deny": 0}}}]' ;;
  *) echo "ERROR: \"invoke\" is not allowed here" >&2; exit 1 ;;
esac
"#;
        let az = dir.join("az");
        let _ = std::fs::write(&az, fake_az);
        let _ = std::process::Command::new("chmod")
            .arg("+x")
            .arg(&az)
            .status();
        let s = script(
            "backup@contoso.com",
            &[crate::acl::namespaces::ids::GIT],
            Catalog::shared(),
        );
        let path = format!(
            "{}:{}",
            dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let run = std::process::Command::new("bash")
            .arg("-c")
            .arg(&s.bash)
            .current_dir(&dir)
            .env("PATH", path)
            .output();
        assert!(run.as_ref().is_ok_and(|r| r.status.success()), "{run:?}");
        let written = std::fs::read_to_string(dir.join(FILE)).unwrap_or_default();
        let _ = std::fs::remove_dir_all(&dir);
        let value: serde_json::Value = match serde_json::from_str(&written) {
            Ok(v) => v,
            Err(e) => panic!("{e}: {written}"),
        };
        let Some((doc, diags)) = crate::acl::formats::collection::read(&value, &written, 0) else {
            panic!("not read: {written}")
        };
        assert_eq!(doc.memberships.len(), 1, "{written}");
        assert_eq!(doc.acls.len(), 1);
        assert!(
            diags
                .iter()
                .any(|d| d.message.contains("\"invoke\" is not allowed here")),
            "{diags:?}"
        );
    }
}
