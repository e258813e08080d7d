//! Large file upload.
