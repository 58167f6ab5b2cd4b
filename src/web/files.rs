//! Reading picked or dropped files, locally, with `FileReader` (gloo). Each file becomes its own
//! input named by its file name.

use super::state::{Action, AppContext, MAX_FILE_BYTES};
use crate::parse::decode_owned;
use crate::Input;
use gloo::file::callbacks::{read_as_bytes, FileReader};
use gloo::file::File;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::FileList;

/// Reads in flight. A `FileReader` aborts its read when dropped, so each is kept until its
/// callback has run; finished ones are dropped at the start of the next batch (never from
/// inside their own callback).
#[derive(Default)]
pub struct FileReads {
    next_id: u64,
    pending: Vec<(u64, FileReader)>,
    finished: Rc<RefCell<Vec<u64>>>,
}

impl FileReads {
    pub fn read(&mut self, list: &FileList, state: &AppContext) {
        let finished: Vec<u64> = self.finished.borrow_mut().drain(..).collect();
        self.pending.retain(|(id, _)| !finished.contains(id));

        for index in 0..list.length() {
            let Some(file) = list.get(index) else {
                continue;
            };
            let file = File::from(file);
            let name = file.name();
            if file.size() > MAX_FILE_BYTES {
                state.dispatch(Action::FileNotice {
                    name,
                    message: format!(
                        // Whole megabytes: float formatting would add 11 KB to the wasm.
                        "not read: it is {} MB; permcheck reads inputs up to {} MB",
                        file.size().div_ceil(1024 * 1024),
                        MAX_FILE_BYTES / (1024 * 1024)
                    ),
                });
                continue;
            }
            let id = self.next_id;
            self.next_id += 1;
            let state = state.clone();
            let finished = self.finished.clone();
            // Bytes, decoded like the CLI does: UTF-8 with or without BOM, UTF-16 (PowerShell),
            // binary refused with a message.
            let reader = read_as_bytes(&file, move |result| {
                match result.map(decode_owned) {
                    Ok(Ok(text)) => state.dispatch(Action::AddFile(Input::new(name, text))),
                    Ok(Err(err)) => state.dispatch(Action::FileNotice {
                        name,
                        message: format!("not read: {err}"),
                    }),
                    Err(err) => state.dispatch(Action::FileNotice {
                        name,
                        message: format!("could not be read ({err})"),
                    }),
                }
                finished.borrow_mut().push(id);
            });
            self.pending.push((id, reader));
        }
    }
}
