//! A reader for the two LevelDB file kinds Chromium keeps extension storage in
//! (`Local Extension Settings/<id>/`): the write-ahead `.log` and the sorted table `.ldb`.
//!
//! Written from LevelDB's format documents (`doc/log_format.md`, `doc/table_format.md`):
//!
//! - `.log`: 32 KiB blocks of records `crc32c (4) ‖ length (2, LE) ‖ type (1) ‖ data`; type
//!   1 is a whole record, 2/3/4 the first/middle/last fragment of one; fewer than 7 bytes
//!   left in a block are padding. A record is a write batch: `sequence (8, LE) ‖ count (4,
//!   LE)` then per entry a tag (1 = put, 0 = delete) and varint-length-prefixed key (and
//!   value for a put).
//! - `.ldb`: data blocks, a meta-index block, an index block and a 48-byte footer
//!   (`meta-index handle ‖ index handle ‖ padding ‖ magic 0xdb4775248b80fb57`). A block
//!   handle is two varint64s (offset, size); each block is followed by a compression byte
//!   (0 none, 1 Snappy) and a CRC. A block holds prefix-compressed entries
//!   `shared ‖ non-shared ‖ value length (varint32 each) ‖ key suffix ‖ value`, then its
//!   restart offsets. Keys in data blocks are internal keys: `user key ‖ (sequence << 8 |
//!   type) (8, LE)`.
//!
//! Checksums are not verified: this reader exists to rescue data from files that may be
//! damaged, and whatever it finds is authenticated later (AES-GCM). Every length is checked
//! against the input, and decompression is bounded, so hostile input costs bounded work.

use crate::error::{Error, Result};

const LOG_BLOCK: usize = 32 * 1024;
const LOG_HEADER: usize = 7;
const TABLE_MAGIC: u64 = 0xdb47_7524_8b80_fb57;
const FOOTER_LEN: usize = 48;
const BLOCK_TRAILER: usize = 5;
/// Most bytes one table block may decompress to.
const MAX_BLOCK: usize = 64 * 1024 * 1024;
/// Most bytes all the blocks of one table may decompress to.
const MAX_TABLE_TOTAL: usize = 512 * 1024 * 1024;

/// One key/value written to the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The user key (for extension storage, the `chrome.storage` key such as `data`).
    pub key: Vec<u8>,
    /// The value (`None` for a deletion).
    pub value: Option<Vec<u8>>,
    /// The sequence number LevelDB gave the write (higher is newer).
    pub sequence: u64,
    /// Where in the file: the log record's or the table block's offset.
    pub offset: u64,
}

/// What a `.log` file held, and whether parts of it could not be read.
#[derive(Debug, Clone, Default)]
pub struct LogContents {
    /// Every entry of every readable write batch, in file order.
    pub entries: Vec<Entry>,
    /// Records or batches that were skipped as damaged.
    pub damaged: usize,
}

/// Whether `bytes` ends with a LevelDB table footer.
pub fn is_table(bytes: &[u8]) -> bool {
    bytes
        .len()
        .checked_sub(8)
        .and_then(|at| bytes.get(at..))
        .and_then(|b| b.try_into().ok())
        .is_some_and(|b: [u8; 8]| u64::from_le_bytes(b) == TABLE_MAGIC)
}

/// Reads a `.log` file (write-ahead log), skipping what is damaged.
pub fn read_log(bytes: &[u8]) -> LogContents {
    let mut out = LogContents::default();
    let mut pending: Option<(u64, Vec<u8>)> = None;
    let mut block_start = 0usize;
    while block_start < bytes.len() {
        let block_end = (block_start + LOG_BLOCK).min(bytes.len());
        let mut at = block_start;
        while at + LOG_HEADER <= block_end {
            let Some(&[_, _, _, _, l0, l1, kind]) = bytes.get(at..at + LOG_HEADER) else {
                break;
            };
            let length = usize::from(u16::from_le_bytes([l0, l1]));
            let data_start = at + LOG_HEADER;
            let Some(data) = bytes.get(data_start..data_start + length) else {
                out.damaged += 1;
                break;
            };
            if data_start + length > block_end {
                out.damaged += 1;
                break;
            }
            if kind == 0 && length == 0 {
                // Pre-allocated, never written: the rest of the block is zeros.
                break;
            }
            let offset = at as u64;
            match kind {
                1 => {
                    out.damaged += usize::from(pending.take().is_some());
                    read_batch(data, offset, &mut out);
                }
                2 => {
                    out.damaged += usize::from(pending.take().is_some());
                    pending = Some((offset, data.to_vec()));
                }
                3 | 4 => match pending.as_mut() {
                    Some((_, buffer)) => {
                        buffer.extend_from_slice(data);
                        if kind == 4
                            && let Some((first, batch)) = pending.take()
                        {
                            read_batch(&batch, first, &mut out);
                        }
                    }
                    None => out.damaged += 1,
                },
                _ => out.damaged += 1,
            }
            at = data_start + length;
        }
        block_start = block_end;
    }
    out.damaged += usize::from(pending.is_some());
    out
}

fn read_batch(batch: &[u8], offset: u64, out: &mut LogContents) {
    let mut reader = Reader::new(batch);
    let (Some(sequence), Some(count)) = (reader.fixed64(), reader.fixed32()) else {
        out.damaged += 1;
        return;
    };
    for i in 0..u64::from(count) {
        let entry = (|| {
            let tag = reader.byte()?;
            let key = reader.length_prefixed()?.to_vec();
            let value = match tag {
                1 => Some(reader.length_prefixed()?.to_vec()),
                0 => None,
                _ => return None,
            };
            Some(Entry {
                key,
                value,
                sequence: sequence.saturating_add(i),
                offset,
            })
        })();
        match entry {
            Some(entry) => out.entries.push(entry),
            None => {
                out.damaged += 1;
                return;
            }
        }
    }
}

/// Reads every entry of every data block of a `.ldb` table.
///
/// Errors: [`Error::VaultFormat`] when the footer or the index cannot be read; a data block
/// that cannot be read is skipped (counted in the second value).
pub fn read_table(bytes: &[u8]) -> Result<(Vec<Entry>, usize)> {
    let bad = |reason: &str| Error::vault_format(format!("not a readable leveldb table: {reason}"));
    if !is_table(bytes) || bytes.len() < FOOTER_LEN {
        return Err(bad("no table footer"));
    }
    let footer = bytes
        .get(bytes.len() - FOOTER_LEN..)
        .ok_or_else(|| bad("no table footer"))?;
    let mut reader = Reader::new(footer);
    let (_meta_offset, _meta_size) = (reader.varint64(), reader.varint64());
    let index = (reader.varint64(), reader.varint64());
    let (Some(index_offset), Some(index_size)) = index else {
        return Err(bad("bad index handle"));
    };
    let mut budget = MAX_TABLE_TOTAL;
    let index_block = read_block(bytes, index_offset, index_size, &mut budget)
        .ok_or_else(|| bad("unreadable index block"))?;
    let handles = block_entries(&index_block).ok_or_else(|| bad("unreadable index block"))?;
    let mut entries = Vec::new();
    let mut damaged = 0;
    for (_, handle) in handles {
        let mut h = Reader::new(&handle);
        let (Some(offset), Some(size)) = (h.varint64(), h.varint64()) else {
            damaged += 1;
            continue;
        };
        let Some(block) = read_block(bytes, offset, size, &mut budget) else {
            damaged += 1;
            continue;
        };
        let Some(items) = block_entries(&block) else {
            damaged += 1;
            continue;
        };
        for (internal_key, value) in items {
            let Some(split) = internal_key.len().checked_sub(8) else {
                damaged += 1;
                continue;
            };
            let (key, tag) = internal_key.split_at(split);
            let tag = u64::from_le_bytes(tag.try_into().unwrap_or([0; 8]));
            let value = if tag & 0xff == 1 { Some(value) } else { None };
            entries.push(Entry {
                key: key.to_vec(),
                value,
                sequence: tag >> 8,
                offset,
            });
        }
    }
    Ok((entries, damaged))
}

/// A block's contents, decompressed (Snappy) when its trailer says so.
fn read_block(bytes: &[u8], offset: u64, size: u64, budget: &mut usize) -> Option<Vec<u8>> {
    let start = usize::try_from(offset).ok()?;
    let size = usize::try_from(size).ok()?;
    let contents = bytes.get(start..start.checked_add(size)?)?;
    let compression = *bytes.get(start + size)?;
    bytes.get(start + size..start + size + BLOCK_TRAILER)?;
    match compression {
        0 => {
            *budget = budget.checked_sub(contents.len())?;
            Some(contents.to_vec())
        }
        1 => {
            let length = snap::raw::decompress_len(contents).ok()?;
            if length > MAX_BLOCK {
                return None;
            }
            *budget = budget.checked_sub(length)?;
            snap::raw::Decoder::new().decompress_vec(contents).ok()
        }
        _ => None,
    }
}

/// The (key, value) entries of a block, keys rebuilt from their shared prefixes.
fn block_entries(block: &[u8]) -> Option<Vec<(Vec<u8>, Vec<u8>)>> {
    let count_at = block.len().checked_sub(4)?;
    let restarts = u32::from_le_bytes(block.get(count_at..)?.try_into().ok()?);
    let restarts_len = usize::try_from(restarts).ok()?.checked_mul(4)?;
    let data_end = count_at.checked_sub(restarts_len)?;
    let mut reader = Reader::new(block.get(..data_end)?);
    let mut key: Vec<u8> = Vec::new();
    let mut out = Vec::new();
    while !reader.is_empty() {
        let shared = usize::try_from(reader.varint64()?).ok()?;
        let non_shared = usize::try_from(reader.varint64()?).ok()?;
        let value_len = usize::try_from(reader.varint64()?).ok()?;
        if shared > key.len() {
            return None;
        }
        key.truncate(shared);
        key.extend_from_slice(reader.take(non_shared)?);
        let value = reader.take(value_len)?.to_vec();
        out.push((key.clone(), value));
    }
    Some(out)
}

/// Little-endian and varint reads over a slice, `None` past its end.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { bytes }
    }

    fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1)?.first().copied()
    }

    fn fixed32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn fixed64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn varint64(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn length_prefixed(&mut self) -> Option<&'a [u8]> {
        let len = usize::try_from(self.varint64()?).ok()?;
        self.take(len)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn record(kind: u8, data: &[u8]) -> Vec<u8> {
        let mut out = vec![0, 0, 0, 0];
        out.extend_from_slice(&u16::try_from(data.len()).unwrap().to_le_bytes());
        out.push(kind);
        out.extend_from_slice(data);
        out
    }

    fn batch(sequence: u64, puts: &[(&[u8], &[u8])]) -> Vec<u8> {
        let mut out = sequence.to_le_bytes().to_vec();
        out.extend_from_slice(&u32::try_from(puts.len()).unwrap().to_le_bytes());
        for (k, v) in puts {
            out.push(1);
            out.push(u8::try_from(k.len()).unwrap());
            out.extend_from_slice(k);
            let mut len = v.len();
            while len >= 0x80 {
                out.push(u8::try_from(len & 0x7f).unwrap() | 0x80);
                len >>= 7;
            }
            out.push(u8::try_from(len).unwrap());
            out.extend_from_slice(v);
        }
        out
    }

    #[test]
    fn log_records_and_fragments() {
        let b = batch(7, &[(b"data", b"{\"a\":1}"), (b"meta", b"2")]);
        let mut log = record(1, &b);
        let big = vec![b'x'; 40_000];
        let b2 = batch(9, &[(b"data", &big)]);
        // A batch split over a block boundary: FIRST, then LAST in the next block.
        let first_len = LOG_BLOCK - log.len() - LOG_HEADER;
        log.extend(record(2, &b2[..first_len]));
        assert_eq!(log.len(), LOG_BLOCK);
        log.extend(record(4, &b2[first_len..]));
        let read = read_log(&log);
        assert_eq!(read.damaged, 0);
        assert_eq!(read.entries.len(), 3);
        assert_eq!(read.entries[0].key, b"data");
        assert_eq!(read.entries[1].sequence, 8);
        assert_eq!(read.entries[2].value.as_deref(), Some(&big[..]));
        assert_eq!(read.entries[2].sequence, 9);
        // Truncation and garbage are skipped, not fatal.
        let read = read_log(&log[..log.len() - 10]);
        assert_eq!(read.entries.len(), 2);
        assert!(read.damaged > 0);
        let _ = read_log(&[0xff; 100]);
        let _ = read_log(&[]);
    }

    #[test]
    fn tables_reject_garbage() {
        assert!(!is_table(b"short"));
        let mut fake = vec![0u8; 100];
        fake[92..].copy_from_slice(&TABLE_MAGIC.to_le_bytes());
        assert!(is_table(&fake));
        assert!(read_table(&fake).is_err());
        assert!(block_entries(&[0, 0, 0]).is_none());
        assert!(block_entries(&[0xff, 0xff, 0xff, 0xff]).is_none());
    }
}
