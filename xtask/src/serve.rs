//! `cargo xtask serve`: `dist/` on http://127.0.0.1:8080, as any static web server would
//! serve it (the planner is several trunk builds, so `trunk serve`, which serves one, does
//! not fit). Files only: a folder's address gives its `index.html`, the query string is
//! the app's, and nothing outside `dist/` is reachable.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

use crate::Step;

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json; charset=utf-8",
        "tsv" => "text/tab-separated-values; charset=utf-8",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// The file of `dist/` an address asks for, if there is one.
fn file_for(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut file = root.to_path_buf();
    for part in Path::new(path.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => file.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn answer(root: &Path, stream: TcpStream) {
    let mut reader = BufReader::new(&stream);
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // Read the rest of the head; bodies are not expected.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let mut words = request.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or("/"));
    let mut out = &stream;
    let found = if method == "GET" || method == "HEAD" { file_for(root, target) } else { None };
    let (status, kind, body) = match found.and_then(|f| fs::read(&f).ok().map(|b| (f, b))) {
        Some((file, body)) => ("200 OK", content_type(&file), body),
        None => ("404 Not Found", "text/plain; charset=utf-8", b"Not found\n".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = out.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = out.write_all(&body);
    }
}

/// Serves `dist/` until the process is stopped.
pub fn serve(address: &str) -> Step {
    let root = PathBuf::from("dist");
    let listener = TcpListener::bind(address).map_err(|e| format!("cannot listen on {address}: {e}"))?;
    println!("    serving dist/ on http://{address}/ (Ctrl+C to stop)");
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        std::thread::spawn(move || answer(&root, stream));
    }
    Ok(())
}
