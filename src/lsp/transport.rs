//! JSON-RPC framing over a byte stream, in front of tower-lsp-server's `LspService`.
//!
//! tower-lsp-server's own `Server` stops reading after the first frame it cannot decode
//! (tokio-util's `FramedRead` fuses after a decoder error, tokio-rs/tokio#3976), so one
//! malformed message would end the session. This loop frames messages itself, answers the
//! undecodable ones with JSON-RPC errors and keeps going; every well-formed message goes to the
//! `LspService` unchanged, which does the protocol's state machine, routing and cancellation.
//!
//! Ordering: messages reach the service in the order they arrived, and the service's futures
//! are first polled in that order (a `FuturesUnordered` polls new futures first-in, first-out),
//! so a handler that changes state before its first `.await` sees every earlier change.

use futures::stream::{FuturesUnordered, Stream, StreamExt};
use futures::{FutureExt, SinkExt, future};
use serde::Serialize;
use serde_json::Value;
use std::collections::VecDeque;
use std::panic::AssertUnwindSafe;
use std::task::Poll;
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt,
};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};
use tower_lsp_server::{ClientSocket, LanguageServer, LspService};
use tower_service::Service;

/// Largest message body read into memory; larger ones are skipped and answered with an error.
const MAX_BODY: usize = 64 << 20;
/// Longest header line kept; the rest of a longer line is dropped.
const MAX_HEADER_LINE: u64 = 8 << 10;

/// What one frame from the client turned out to be.
#[derive(Debug)]
enum Incoming {
    Request(Request),
    Response(Response),
    /// A frame that is not a JSON-RPC message, with the error to answer it with.
    Invalid(Response),
}

/// Serves `service` over `input`/`output` until the client sends `exit` or closes its end (or
/// stops reading).
pub async fn serve<S, I, O>(input: I, output: O, mut service: LspService<S>, socket: ClientSocket)
where
    S: LanguageServer,
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let (mut to_client, mut client_responses) = socket.split();
    let mut output = tokio::io::BufWriter::new(output);
    let mut frames = std::pin::pin!(frames(tokio::io::BufReader::new(input)));
    let mut waiting: VecDeque<Request> = VecDeque::new();
    let mut in_flight = FuturesUnordered::new();
    loop {
        // Hand waiting messages to the service while it takes them (it refuses everything
        // after `exit`).
        while !waiting.is_empty() {
            match future::poll_fn(|cx| Poll::Ready(service.poll_ready(cx))).await {
                Poll::Ready(Ok(())) => {
                    let Some(request) = waiting.pop_front() else {
                        break;
                    };
                    let exit = request.method() == "exit";
                    let id = request.id().cloned();
                    let answer = AssertUnwindSafe(service.call(request)).catch_unwind();
                    // A handler that panics answers with an internal error; the server goes on.
                    in_flight.push(answer.map(move |done| {
                        done.unwrap_or_else(|_| {
                            Ok(id.map(|id| Response::from_error(id, Error::internal_error())))
                        })
                    }));
                    if exit {
                        return;
                    }
                }
                Poll::Ready(Err(_)) => return,
                Poll::Pending => break,
            }
        }
        let written = tokio::select! {
            // Reading first keeps queued edits ahead of the work they make stale.
            biased;
            frame = frames.next() => match frame {
                // tower-lsp-server drops every `$/` message; a request must still be answered.
                Some(Incoming::Request(request))
                    if request.method().starts_with("$/") && request.id().is_some() =>
                {
                    let id = request.id().cloned().unwrap_or(Id::Null);
                    let error = Error {
                        code: ErrorCode::MethodNotFound,
                        message: format!("no method {}", request.method()).into(),
                        data: None,
                    };
                    write_message(&mut output, &Response::from_error(id, error)).await
                }
                Some(Incoming::Request(request)) => {
                    waiting.push_back(request);
                    Ok(())
                }
                Some(Incoming::Response(response)) => {
                    // Fails only once the service has exited.
                    let _ = client_responses.send(response).await;
                    Ok(())
                }
                Some(Incoming::Invalid(error)) => write_message(&mut output, &error).await,
                // The client is gone: nobody would read the answers, or answer what the
                // handlers still wait for.
                None => return,
            },
            Some(done) = in_flight.next(), if !in_flight.is_empty() => match done {
                Ok(Some(response)) => write_message(&mut output, &response).await,
                Ok(None) => Ok(()),
                Err(_) => return,
            },
            Some(request) = to_client.next() => write_message(&mut output, &request).await,
            else => return,
        };
        if written.is_err() {
            return;
        }
    }
}

async fn write_message<O: AsyncWrite + Unpin>(
    out: &mut O,
    message: &impl Serialize,
) -> std::io::Result<()> {
    let body = serde_json::to_vec(message)?;
    out.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
        .await?;
    out.write_all(&body).await?;
    out.flush().await
}

/// The frames of `input`, until it ends or fails.
fn frames<R: AsyncBufRead + Unpin>(input: R) -> impl Stream<Item = Incoming> {
    futures::stream::unfold(input, |mut input| async move {
        let incoming = read_frame(&mut input).await.ok().flatten()?;
        Some((incoming, input))
    })
}

/// Reads one frame: header lines up to a blank line, then `Content-Length` bytes of body.
/// Header lines it does not know are skipped, so stray bytes between frames resynchronise on
/// the next header block. `Ok(None)` at the end of the input.
async fn read_frame<R: AsyncBufRead + Unpin>(input: &mut R) -> std::io::Result<Option<Incoming>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = (&mut *input)
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)
            .await?;
        if n == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line).to_ascii_lowercase();
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !line.ends_with(b"\n") || !saw_header {
                continue;
            }
            break;
        }
        saw_header = true;
        // Found anywhere on the line, so a frame glued to stray bytes is still read.
        if let Some(at) = text.find("content-length:") {
            let value = text[at + "content-length:".len()..].trim();
            length = Some(
                value
                    .parse()
                    .map_err(|_| format!("bad Content-Length header `{value}`")),
            );
        }
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(message)) => return Ok(Some(invalid(ErrorCode::ParseError, message))),
        None => {
            return Ok(Some(invalid(
                ErrorCode::ParseError,
                "a header without Content-Length".into(),
            )));
        }
    };
    if length > MAX_BODY {
        tokio::io::copy(
            &mut (&mut *input).take(length as u64),
            &mut tokio::io::sink(),
        )
        .await?;
        return Ok(Some(invalid(
            ErrorCode::InvalidRequest,
            format!("message of {length} bytes is larger than the {MAX_BODY} bytes accepted"),
        )));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).await?;
    Ok(Some(decode(&body)))
}

fn invalid(code: ErrorCode, message: String) -> Incoming {
    invalid_with_id(Id::Null, code, message)
}

fn invalid_with_id(id: Id, code: ErrorCode, message: String) -> Incoming {
    Incoming::Invalid(Response::from_error(
        id,
        Error {
            code,
            message: message.into(),
            data: None,
        },
    ))
}

/// Sorts a frame's body into a request or notification, a response, or an error to answer.
fn decode(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return invalid(ErrorCode::ParseError, format!("not JSON: {e}")),
    };
    if !value.is_object() {
        return invalid(
            ErrorCode::InvalidRequest,
            "a JSON-RPC message is an object (LSP sends no batches)".into(),
        );
    }
    let id = value
        .get("id")
        .and_then(|id| serde_json::from_value::<Id>(id.clone()).ok())
        .unwrap_or(Id::Null);
    let is_response = value.get("method").is_none()
        && (value.get("result").is_some() || value.get("error").is_some());
    if is_response {
        return match serde_json::from_value(value) {
            Ok(response) => Incoming::Response(response),
            Err(e) => invalid_with_id(
                id,
                ErrorCode::InvalidRequest,
                format!("not a JSON-RPC 2.0 response: {e}"),
            ),
        };
    }
    match serde_json::from_value::<Request>(value) {
        Ok(request) if !request.method().is_empty() => Incoming::Request(request),
        Ok(_) => invalid_with_id(id, ErrorCode::InvalidRequest, "no method".into()),
        Err(e) => invalid_with_id(
            id,
            ErrorCode::InvalidRequest,
            format!("not a JSON-RPC 2.0 message: {e}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn read_all(input: &[u8]) -> Vec<String> {
        let mut reader = input;
        let mut out = Vec::new();
        while let Ok(Some(frame)) = read_frame(&mut reader).await {
            out.push(match frame {
                Incoming::Request(r) => format!("request {}", r.method()),
                Incoming::Response(r) => format!("response {}", r.id()),
                Incoming::Invalid(r) => serde_json::to_string(&r).expect("serializable"),
            });
        }
        out
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[tokio::test(flavor = "current_thread")]
    async fn frames_good_and_bad_messages() {
        let input = [
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#),
            frame("{not json"),
            "garbage line\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","id":7,"result":null}"#),
            frame(r#"{"jsonrpc":"2.0","id":2}"#),
            frame("[1,2]"),
            "Content-Length: lots\r\n\r\n".to_string(),
            "Content-Type: x\r\n\r\n".to_string(),
            format!(
                "junk{}",
                frame(r#"{"jsonrpc":"2.0","method":"initialized"}"#)
            ),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
        ]
        .concat();
        assert_eq!(
            read_all(input.as_bytes()).await,
            [
                "request initialize",
                r#"{"jsonrpc":"2.0","error":{"code":-32700,"message":"not JSON: key must be a string at line 1 column 2"},"id":null}"#,
                "response 7",
                r#"{"jsonrpc":"2.0","error":{"code":-32600,"message":"no method"},"id":2}"#,
                r#"{"jsonrpc":"2.0","error":{"code":-32600,"message":"a JSON-RPC message is an object (LSP sends no batches)"},"id":null}"#,
                r#"{"jsonrpc":"2.0","error":{"code":-32700,"message":"bad Content-Length header `lots`"},"id":null}"#,
                r#"{"jsonrpc":"2.0","error":{"code":-32700,"message":"a header without Content-Length"},"id":null}"#,
                "request initialized",
                "request exit",
            ]
        );
    }

    /// A server whose hover handler has a bug.
    struct Panicky;

    impl LanguageServer for Panicky {
        async fn initialize(
            &self,
            _: tower_lsp_server::ls_types::InitializeParams,
        ) -> tower_lsp_server::jsonrpc::Result<tower_lsp_server::ls_types::InitializeResult>
        {
            Ok(Default::default())
        }
        async fn shutdown(&self) -> tower_lsp_server::jsonrpc::Result<()> {
            Ok(())
        }
        async fn hover(
            &self,
            _: tower_lsp_server::ls_types::HoverParams,
        ) -> tower_lsp_server::jsonrpc::Result<Option<tower_lsp_server::ls_types::Hover>> {
            panic!("a bug in a handler")
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_panicking_handler_answers_with_an_error() {
        use tokio::io::AsyncWriteExt;
        let (client, server) = tokio::io::duplex(1 << 16);
        let (server_in, server_out) = tokio::io::split(server);
        let (service, socket) = LspService::new(|_| Panicky);
        let serving = tokio::spawn(serve(server_in, server_out, service, socket));
        let (client_in, mut client_out) = tokio::io::split(client);
        let mut input = tokio::io::BufReader::new(client_in);
        let hover = r#"{"textDocument":{"uri":"file:///x"},"position":{"line":0,"character":0}}"#;
        let mut answers = Vec::new();
        for body in [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#
                .to_string(),
            format!(r#"{{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{hover}}}"#),
            r#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#.to_string(),
        ] {
            client_out
                .write_all(frame(&body).as_bytes())
                .await
                .expect("written");
            match read_frame(&mut input).await {
                Ok(Some(Incoming::Response(r))) => {
                    answers.push(serde_json::to_string(&r).expect("serializable"))
                }
                other => panic!("not a response: {other:?}"),
            }
        }
        let exit = frame(r#"{"jsonrpc":"2.0","method":"exit"}"#);
        client_out
            .write_all(exit.as_bytes())
            .await
            .expect("written");
        serving.await.expect("the server ends after exit");
        assert_eq!(
            answers,
            [
                r#"{"jsonrpc":"2.0","result":{"capabilities":{}},"id":1}"#,
                r#"{"jsonrpc":"2.0","error":{"code":-32603,"message":"Internal error"},"id":2}"#,
                r#"{"jsonrpc":"2.0","result":null,"id":3}"#,
            ]
        );
    }

    #[tokio::test(flavor = "current_thread")]
    async fn truncated_input_ends_quietly() {
        assert!(
            read_all(b"Content-Length: 50\r\n\r\n{\"jsonrpc\"")
                .await
                .is_empty()
        );
        assert!(read_all(b"Content-Len").await.is_empty());
    }
}
