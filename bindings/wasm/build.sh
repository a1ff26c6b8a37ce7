#!/bin/sh
# Builds the package: the library to WebAssembly, then the JavaScript glue into pkg/.
# Needs `rustup target add wasm32-unknown-unknown` and the wasm-bindgen CLI of the same
# version as the wasm-bindgen crate in Cargo.lock.
set -eu
cd "$(dirname "$0")"
cargo build --target wasm32-unknown-unknown --release -p sanshen-wasm
wasm-bindgen --target web --out-dir pkg ../../target/wasm32-unknown-unknown/release/sanshen_wasm.wasm
