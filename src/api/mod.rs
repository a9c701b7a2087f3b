//! The Rolodex REST client. Knows nothing of the UI.

pub mod client;
pub mod error;
/// The wire model lives beside the client, not inside it: the domain reads
/// it without depending on the HTTP client's folder.
pub use crate::wire;

pub use client::{
    ApiKey, AuthScheme, ClientConfig, ListCaps, RequestPreview, RolodexClient, contact_address,
    contact_path,
};
pub use error::{ApiError, ListExcess, PagedList, TlsProblem};
