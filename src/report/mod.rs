//! Renderers: pure functions from the model (and later findings) to bytes.

pub mod inventory;
