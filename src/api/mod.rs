//! The Rolodex REST client and its wire model. Knows nothing of the UI.

pub mod client;
pub mod error;
pub mod wire;

pub use client::{ApiKey, AuthScheme, ClientConfig, RequestPreview, RolodexClient};
pub use error::{ApiError, TlsProblem};
