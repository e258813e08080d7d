//! The async driver of an upload, over any async HTTP stack (reqwest by default): the upload URL is
//! pre-authenticated, so its requests go as they are, without the client's token.

use super::{check_chunk_size, item, Action, Upload, UploadError, UploadSession, DEFAULT_CHUNK_SIZE};
use crate::config::{random_u64, AsyncHttpSend, Config};
use crate::nonblocking::ReqwestStack;
use crate::retry::Policy;
use crate::Error;
use serde::de::DeserializeOwned;
use std::time::SystemTime;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncSeek, AsyncSeekExt, SeekFrom};

/// Uploads files through upload sessions, chunk by chunk, without blocking a thread.
pub struct AsyncUploader<S = ReqwestStack> {
    stack: S,
    chunk_size: u64,
    /// When to stop retrying failed chunks (failures in a row) and how long to back off.
    pub retry: Policy,
}

impl AsyncUploader<ReqwestStack> {
    /// An uploader over reqwest with `config`'s timeouts (its other settings are the client's), chunks of
    /// [`DEFAULT_CHUNK_SIZE`].
    pub fn new(config: &Config) -> Result<Self, Error> {
        Ok(AsyncUploader::with_stack(ReqwestStack::new(config)?))
    }
}

impl<S: AsyncHttpSend> AsyncUploader<S> {
    /// An uploader over another HTTP stack; it must not add a token.
    pub fn with_stack(stack: S) -> Self {
        AsyncUploader { stack, chunk_size: DEFAULT_CHUNK_SIZE, retry: Policy::default() }
    }

    /// Sets the chunk size: a positive multiple of 320 KiB up to 60 MiB.
    pub fn chunk_size(mut self, bytes: u64) -> Result<Self, UploadError> {
        self.chunk_size = check_chunk_size(bytes)?;
        Ok(self)
    }

    /// Uploads `source` (its whole length) to `session` and reads the final item as `T`; `progress` hears the
    /// bytes the service has confirmed and the total each time the confirmed bytes change.
    pub async fn upload<T: DeserializeOwned, R: AsyncRead + AsyncSeek + Unpin>(
        &self,
        session: &UploadSession,
        mut source: R,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<T, UploadError> {
        let total = source.seek(SeekFrom::End(0)).await?;
        let mut upload = Upload::new(session, total)?.chunk_size(self.chunk_size)?;
        upload.retry = self.retry;
        let mut reported = upload.confirmed();
        loop {
            let request = match upload.poll(SystemTime::now(), random_u64()) {
                Action::Put { start, end } => {
                    source.seek(SeekFrom::Start(start)).await?;
                    let mut bytes = Vec::new();
                    (&mut source).take(end - start).read_to_end(&mut bytes).await?;
                    upload.put_request(start, bytes)?
                }
                Action::Send(request) => request,
                Action::Wait(wait) => {
                    tokio::time::sleep(wait).await;
                    continue;
                }
                Action::Done(response) => return item(&response),
            };
            upload.receive(self.stack.send(request).await)?;
            if upload.confirmed() != reported {
                reported = upload.confirmed();
                progress(reported, total);
            }
        }
    }

    /// Uploads bytes held in memory.
    pub async fn upload_bytes<T: DeserializeOwned>(
        &self,
        session: &UploadSession,
        bytes: &[u8],
        progress: impl FnMut(u64, u64),
    ) -> Result<T, UploadError> {
        self.upload(session, std::io::Cursor::new(bytes), progress).await
    }
}
