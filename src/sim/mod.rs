//! The deterministic simulation core. Depends on nothing web.
