//! Server-sent events: bytes in, events out, following the WHATWG event-stream rules in full
//! (LF, CR and CRLF line ends, a leading BOM, comments, `event`/`data`/`id`/`retry` fields,
//! multi-line data joined by LF, one optional space after the colon). Input may be split
//! anywhere, even inside a CRLF or a UTF-8 sequence; the parser keeps the partial line.

/// A line or an event's data longer than `MAX_LINE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLong;

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a stream line or event longer than {} MiB",
            MAX_LINE >> 20
        )
    }
}

impl std::error::Error for TooLong {}

/// One dispatched event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Event {
    /// The `event:` field; empty means the default type, "message".
    pub event: String,
    pub data: String,
    pub id: Option<String>,
}

/// The longest line the parser holds: one stream event is never near this, and a server that
/// sends endless bytes without a line break must not grow memory without end.
pub const MAX_LINE: usize = 16 << 20;

#[derive(Debug, Default)]
pub struct Parser {
    line: Vec<u8>,
    /// The previous chunk ended in CR: a LF at the start of the next one belongs to it.
    after_cr: bool,
    bom_checked: bool,
    event: String,
    data: String,
    has_data: bool,
    id: Option<String>,
}

impl Parser {
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds bytes; complete events are appended to `out`. Fails when a line grows past
    /// `MAX_LINE` or the event's data past `MAX_LINE`.
    pub fn feed(&mut self, mut bytes: &[u8], out: &mut Vec<Event>) -> Result<(), TooLong> {
        if !self.bom_checked {
            // The BOM may itself be split across chunks.
            let want = &[0xEF, 0xBB, 0xBF][..];
            let have = self.line.len();
            let take = (3 - have).min(bytes.len());
            let mut probe = self.line.clone();
            probe.extend_from_slice(&bytes[..take]);
            if want.starts_with(&probe) {
                if probe.len() < 3 {
                    self.line = probe;
                    return Ok(());
                }
                self.line.clear();
                bytes = &bytes[take..];
            }
            // Not a BOM: any held bytes are ordinary line content already in self.line.
            self.bom_checked = true;
        }
        // Whole runs up to the next line end are handled at once: this is per token event.
        while let Some((&first, _)) = bytes.split_first() {
            if std::mem::take(&mut self.after_cr) && first == b'\n' {
                bytes = &bytes[1..];
                continue;
            }
            match memchr::memchr2(b'\n', b'\r', bytes) {
                // A whole line in this chunk is read where it lies; only a line split across
                // chunks is gathered in the line buffer.
                Some(i) if self.line.is_empty() => {
                    self.field(&bytes[..i], out);
                    self.after_cr = bytes[i] == b'\r';
                    bytes = &bytes[i + 1..];
                }
                Some(i) => {
                    self.line.extend_from_slice(&bytes[..i]);
                    self.end_line(out);
                    self.after_cr = bytes[i] == b'\r';
                    bytes = &bytes[i + 1..];
                }
                None => {
                    self.line.extend_from_slice(bytes);
                    break;
                }
            }
        }
        if self.line.len() > MAX_LINE || self.data.len() > MAX_LINE {
            return Err(TooLong);
        }
        Ok(())
    }

    fn end_line(&mut self, out: &mut Vec<Event>) {
        // The line's buffer is kept for the next line.
        let mut buf = std::mem::take(&mut self.line);
        self.field(&buf, out);
        buf.clear();
        self.line = buf;
    }

    fn field(&mut self, line: &[u8], out: &mut Vec<Event>) {
        if line.is_empty() {
            self.dispatch(out);
            return;
        }
        // Valid UTF-8 (nearly always) is borrowed after the fast check; anything else has its
        // invalid bytes replaced.
        let line = match std::str::from_utf8(line) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(_) => String::from_utf8_lossy(line),
        };
        if line.starts_with(':') {
            return;
        }
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (&*line, ""),
        };
        match field {
            "event" => self.event = value.to_string(),
            "data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            "id" if !value.contains('\0') => self.id = Some(value.to_string()),
            _ => {} // `retry` and unknown fields do not matter to a one-shot client.
        }
    }

    fn dispatch(&mut self, out: &mut Vec<Event>) {
        let event = std::mem::take(&mut self.event);
        if !self.has_data {
            return;
        }
        self.has_data = false;
        out.push(Event {
            event,
            data: std::mem::take(&mut self.data),
            id: self.id.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_split(input: &[u8], sizes: &[usize]) -> Vec<Event> {
        let mut p = Parser::new();
        let mut out = Vec::new();
        let mut rest = input;
        let mut i = 0;
        while !rest.is_empty() {
            let n = sizes[i % sizes.len()].min(rest.len());
            p.feed(&rest[..n], &mut out).unwrap();
            rest = &rest[n..];
            i += 1;
        }
        out
    }

    fn data(events: &[Event]) -> Vec<&str> {
        events.iter().map(|e| e.data.as_str()).collect()
    }

    #[test]
    fn openai_stream_at_every_split() {
        let input = "data: {\"a\":1}\n\ndata: {\"b\":\"é\"}\n\ndata: [DONE]\n\n".as_bytes();
        for size in 1..input.len() {
            let ev = parse_split(input, &[size]);
            assert_eq!(
                data(&ev),
                ["{\"a\":1}", "{\"b\":\"é\"}", "[DONE]"],
                "split {size}"
            );
        }
    }

    #[test]
    fn line_endings_crlf_cr_lf() {
        for input in [
            "data: x\r\n\r\ndata: y\r\n\r\n",
            "data: x\r\rdata: y\r\r",
            "data: x\n\ndata: y\n\n",
            "data: x\r\n\ndata: y\n\r\n",
        ] {
            for size in 1..=3 {
                let ev = parse_split(input.as_bytes(), &[size]);
                assert_eq!(data(&ev), ["x", "y"], "{input:?} split {size}");
            }
        }
    }

    #[test]
    fn anthropic_events_comments_multiline_bom() {
        let input = "\u{feff}: keep-alive\nevent: message_start\ndata: {\"type\":\n\
                     data:\"message_start\"}\nid: 7\n\nevent: ping\ndata: {}\n\n";
        for size in 1..=4 {
            let ev = parse_split(input.as_bytes(), &[size]);
            assert_eq!(ev.len(), 2);
            assert_eq!(ev[0].event, "message_start");
            assert_eq!(ev[0].data, "{\"type\":\n\"message_start\"}");
            assert_eq!(ev[0].id.as_deref(), Some("7"));
            assert_eq!(ev[1].event, "ping");
        }
    }

    #[test]
    fn edge_cases() {
        // No space after the colon, field with no colon, event with no data is not dispatched,
        // an unfinished event at the end is held back.
        let ev = parse_split(b"data:a\ndata\n\nevent: x\n\ndata: tail", &[5]);
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].data, "a\n");
        assert_eq!(ev[0].event, "");
        // The event type does not leak into the next event.
        let ev = parse_split(b"event: e\ndata: 1\n\ndata: 2\n\n", &[64]);
        assert_eq!((ev[0].event.as_str(), ev[1].event.as_str()), ("e", ""));
    }

    #[test]
    fn endless_lines_are_refused() {
        let mut p = Parser::new();
        let mut out = Vec::new();
        let block = vec![b'x'; 1 << 20];
        let mut result = Ok(());
        for _ in 0..20 {
            result = p.feed(&block, &mut out);
            if result.is_err() {
                break;
            }
        }
        assert_eq!(result, Err(TooLong));
    }

    #[test]
    fn not_a_bom() {
        let ev = parse_split(b"\xEFdata: z\n\n", &[1]);
        assert!(ev.is_empty(), "a stray byte makes an unknown field");
        let ev = parse_split(b"data: q\n\n", &[1]);
        assert_eq!(data(&ev), ["q"]);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// An event as a server might write it: any line ending, optional comment lines,
        /// multi-line data.
        fn encode(events: &[(String, Vec<String>)], eol: &[&str], comments: bool) -> Vec<u8> {
            let mut out = String::new();
            for (i, (name, lines)) in events.iter().enumerate() {
                let e = eol[i % eol.len()];
                if comments {
                    out.push_str(&format!(": keep-alive{e}"));
                }
                if !name.is_empty() {
                    out.push_str(&format!("event: {name}{e}"));
                }
                for l in lines {
                    out.push_str(&format!("data: {l}{e}"));
                }
                out.push_str(e);
            }
            out.into_bytes()
        }

        fn field() -> impl Strategy<Value = String> {
            // No line breaks inside a field; anything else, including non-ASCII.
            "[^\r\n]{0,40}"
        }

        proptest! {
            #[test]
            fn any_split_gives_the_same_events(
                events in prop::collection::vec(
                    ("[a-z_]{0,12}", prop::collection::vec(field(), 1..4)), 1..8),
                eol in prop::sample::subsequence(vec!["\n", "\r\n", "\r"], 1..=3),
                comments in any::<bool>(),
                cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
            ) {
                let bytes = encode(&events, &eol, comments);
                let mut points: Vec<usize> = cuts.iter().map(|c| c.index(bytes.len() + 1)).collect();
                points.sort_unstable();
                let mut p = Parser::new();
                let mut got = Vec::new();
                let mut last = 0;
                for cut in points.into_iter().chain([bytes.len()]) {
                    p.feed(&bytes[last..cut], &mut got).unwrap();
                    last = cut;
                }
                let want: Vec<(String, String)> = events
                    .iter()
                    .map(|(name, lines)| {
                        // One leading space after the colon is the separator, not data.
                        let data: Vec<&str> = lines.iter().map(|l| l.as_str()).collect();
                        (name.clone(), data.join("\n"))
                    })
                    .collect();
                let got: Vec<(String, String)> =
                    got.into_iter().map(|e| (e.event, e.data)).collect();
                prop_assert_eq!(got, want);
            }
        }
    }
}
