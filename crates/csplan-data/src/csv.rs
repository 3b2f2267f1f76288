//! Reading CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends), on
//! `csv-core`: the reader alone, so the browser carries no serde CSV machinery.

/// The records of `text`, each a list of fields. A byte-order mark at the start is not part
/// of the first field; bytes that are not UTF-8 are replaced, never refused; blank lines
/// are read past.
pub fn records(text: &str) -> Vec<Vec<String>> {
    numbered(text).into_iter().map(|(_, r)| r).collect()
}

/// [`records`], each with the line it starts on (1 the first), so a message can name the
/// row a spreadsheet shows even after blank lines.
pub fn numbered(text: &str) -> Vec<(u64, Vec<String>)> {
    table(text).rows().map(|(line, row)| (line, row.iter().map(str::to_string).collect())).collect()
}

/// Every record of `text` in one buffer: the fields are slices of it, so reading a large
/// file allocates three vectors, not a string a field. Otherwise as [`numbered`].
#[derive(Debug)]
pub struct Table {
    text: String,
    /// Each field's start and end in `text`.
    fields: Vec<(usize, usize)>,
    /// Each record's line, first field and field count.
    records: Vec<(u64, usize, usize)>,
}

/// One record of a [`Table`].
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    table: &'a Table,
    first: usize,
    count: usize,
}

impl<'a> Row<'a> {
    /// Field `k` (`None` past the last).
    pub fn get(&self, k: usize) -> Option<&'a str> {
        if k >= self.count {
            return None;
        }
        let &(a, b) = self.table.fields.get(self.first + k)?;
        self.table.text.get(a..b)
    }

    /// Every field in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let row = *self;
        (0..row.count).filter_map(move |k| row.get(k))
    }

    /// True for a blank line.
    pub fn is_blank(&self) -> bool {
        self.iter().all(|f| f.trim().is_empty())
    }
}

impl Table {
    /// Each record with the line it starts on.
    pub fn rows(&self) -> impl Iterator<Item = (u64, Row<'_>)> + '_ {
        self.records.iter().map(move |&(line, first, count)| (line, Row { table: self, first, count }))
    }
}

/// Reads `text` into a [`Table`] (as [`numbered`] reads it).
pub fn table(text: &str) -> Table {
    let mut reader = csv_core::Reader::new();
    let mut input = text.strip_prefix('\u{feff}').unwrap_or(text).as_bytes();
    let mut field = vec![0u8; 256];
    let mut written = 0usize;
    // Room for every field and line at once (a comma or line end each, or fewer).
    let ends = input.iter().filter(|&&b| b == b',' || b == b'\n').count() + 1;
    let lines = input.iter().filter(|&&b| b == b'\n').count() + 1;
    let mut out = Table {
        text: String::with_capacity(text.len()),
        fields: Vec::with_capacity(ends),
        records: Vec::with_capacity(lines),
    };
    let (mut line, mut first) = (1u64, 0usize);
    loop {
        let (result, read, wrote) = reader.read_field(input, field.get_mut(written..).unwrap_or_default());
        input = input.get(read..).unwrap_or_default();
        written += wrote;
        match result {
            csv_core::ReadFieldResult::InputEmpty => {}
            csv_core::ReadFieldResult::OutputFull => field.resize(field.len() * 2, 0),
            csv_core::ReadFieldResult::Field { record_end } => {
                if out.fields.len() == first {
                    // csv-core counts lines from 1; a one-field record has already read its
                    // own line end.
                    line = if record_end { reader.line().saturating_sub(1).max(1) } else { reader.line() };
                }
                let start = out.text.len();
                out.text.push_str(&String::from_utf8_lossy(field.get(..written).unwrap_or_default()));
                out.fields.push((start, out.text.len()));
                written = 0;
                if record_end {
                    out.records.push((line, first, out.fields.len() - first));
                    first = out.fields.len();
                }
            }
            csv_core::ReadFieldResult::End => break,
        }
    }
    out
}

/// True for a record that is a blank line.
pub fn is_blank(record: &[String]) -> bool {
    record.iter().all(|f| f.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_line_ends_and_a_byte_order_mark() {
        let text = "\u{feff}a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\n\n1,2";
        let r = records(text);
        // csv-core reads past a blank line.
        assert_eq!(r.len(), 3);
        assert_eq!(r[0], ["a", "b"]);
        assert_eq!(r[1], ["x, y", "say \"hi\"\nthere"]);
        assert_eq!(r[2], ["1", "2"]);
        assert!(is_blank(&[String::new(), " ".to_string()]));
        let long = "z".repeat(10_000);
        assert_eq!(records(&format!("{long},1\n"))[0][0].len(), 10_000);
        assert!(records("").is_empty());
        let lines: Vec<u64> = numbered("a,b\n\n1,2\n\n\n3,4\n").into_iter().map(|(l, _)| l).collect();
        assert_eq!(lines, [1, 3, 6], "the lines a spreadsheet shows, blank lines and all");
    }
}
