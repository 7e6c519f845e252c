//! Positions in RON source text, for errors found after serde has thrown the
//! positions away.
//!
//! The index is built by a small, tolerant scanner that knows just enough RON
//! (strings with escapes, raw strings, chars, nested comments, brackets, `key:`
//! fields) to rebuild the shape of the value tree with a position for every
//! value. Validation then asks for `actors[3].place` and gets the line and
//! column of that very string; when a path cannot be followed it falls back
//! to the nearest record, or to an occurrence of the quoted id anywhere. The
//! scanner never recurses and never fails, so truncated or hostile input only
//! makes it stop at the end of the text.

/// A 1-based line and column; columns count characters, as RON's own errors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

impl Pos {
    /// The start of a file.
    pub const START: Pos = Pos { line: 1, col: 1 };
}

/// One step of a path into the value tree: a named field or a position in a
/// list or in the arguments of a tuple variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    /// A named field: `actors`, `id`.
    Field(&'a str),
    /// The n-th element (0-based) of a list or of a variant's arguments.
    Index(usize),
}

/// Something still open when the text ended, innermost last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Open {
    /// `Actor` for `Actor(`; `None` for a bare bracket.
    pub name: Option<String>,
    /// `(`, `[` or `{`.
    pub bracket: char,
    /// Where it opened (at its name, if it has one).
    pub pos: Pos,
}

/// A string or comment the text ended inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unclosed {
    /// A string, opened at this position.
    String(Pos),
    /// A block comment, opened at this position.
    Comment(Pos),
}

/// A quoted string in the source with its unescaped value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrLit {
    /// The string's value, escapes resolved.
    pub value: String,
    /// Where its opening quote is.
    pub pos: Pos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Document,
    Paren,
    Bracket,
    Brace,
    Str,
    Atom,
}

#[derive(Debug)]
struct Node {
    kind: Kind,
    /// The identifier before `(` (`Actor`, `Some`, `Turn`), or an atom's word.
    name: Option<String>,
    pos: Pos,
    children: Vec<Child>,
}

#[derive(Debug)]
struct Child {
    key: Option<String>,
    node: usize,
}

/// The shape of a RON text with the position of every value in it.
#[derive(Debug)]
pub struct SourceIndex {
    nodes: Vec<Node>,
    strings: Vec<StrLit>,
    open: Vec<Open>,
    unclosed: Option<Unclosed>,
    end: Pos,
}

impl SourceIndex {
    /// Scans `text`; never fails, whatever the text holds.
    pub fn new(text: &str) -> Self {
        Builder::new(text).run()
    }

    /// The top-level `Name(...)` value, skipping `#![enable(...)]` attributes.
    fn root(&self) -> Option<usize> {
        self.nodes
            .first()?
            .children
            .iter()
            .map(|c| c.node)
            .find(|&n| self.nodes.get(n).is_some_and(|n| n.kind == Kind::Paren))
    }

    /// The name of the top-level struct: `Scenario`, `Catalog`, ...
    pub fn root_name(&self) -> Option<&str> {
        self.nodes.get(self.root()?)?.name.as_deref()
    }

    /// Brackets still open where the text ends, outermost first.
    pub fn open_at_end(&self) -> &[Open] {
        &self.open
    }

    /// The string or comment the text ends inside, if any.
    pub fn unclosed_at_end(&self) -> Option<Unclosed> {
        self.unclosed
    }

    /// Just after the last character that is not whitespace.
    pub fn end(&self) -> Pos {
        self.end
    }

    /// Every quoted string, in source order.
    pub fn strings(&self) -> &[StrLit] {
        &self.strings
    }

    /// The first quoted string whose value is `value`.
    pub fn find_string(&self, value: &str) -> Option<Pos> {
        self.strings
            .iter()
            .find(|s| s.value == value)
            .map(|s| s.pos)
    }

    /// Follows `path` from the top-level value; `None` if any step is missing.
    pub fn locate(&self, path: &[Seg]) -> Option<Pos> {
        match self.walk(path) {
            (node, depth) if depth == path.len() => Some(self.nodes.get(node)?.pos),
            _ => None,
        }
    }

    /// The best position for a problem at `path` about the id `value`: the
    /// exact value, else the record that holds it, else the first occurrence
    /// of the quoted id, else the top of the file.
    pub fn locate_near(&self, path: &[Seg], value: Option<&str>) -> Pos {
        let (node, depth) = self.walk(path);
        let pos = self.nodes.get(node).map(|n| n.pos);
        if (depth == path.len() || depth >= 2)
            && let Some(pos) = pos
        {
            return pos;
        }
        value
            .and_then(|v| self.find_string(v))
            .or(pos)
            .unwrap_or(Pos::START)
    }

    /// Follows as much of `path` as exists: the deepest node reached and how
    /// many steps it took. Starts at the document when there is no root.
    fn walk(&self, path: &[Seg]) -> (usize, usize) {
        let Some(mut node) = self.root() else {
            return (0, 0);
        };
        node = self.unwrap_some(node);
        for (depth, seg) in path.iter().enumerate() {
            let Some(children) = self.nodes.get(node).map(|n| &n.children) else {
                return (node, depth);
            };
            let next = match *seg {
                Seg::Field(name) => children.iter().find(|c| c.key.as_deref() == Some(name)),
                Seg::Index(i) => children.get(i),
            };
            match next {
                Some(child) => node = self.unwrap_some(child.node),
                None => return (node, depth),
            }
        }
        (node, path.len())
    }

    /// `Some(x)` stands for `x`: errors point at the value, not the wrapper.
    fn unwrap_some(&self, mut node: usize) -> usize {
        while let Some(n) = self.nodes.get(node) {
            match (&n.name, n.children.as_slice()) {
                (Some(name), [only]) if n.kind == Kind::Paren && name == "Some" => {
                    node = only.node;
                }
                _ => break,
            }
        }
        node
    }
}

/// The name of the top-level struct of a RON text (`Scenario`, `Catalog`),
/// read without scanning the rest of the file.
pub fn top_level_name(text: &str) -> Option<String> {
    let mut cur = Cursor::new(text);
    loop {
        cur.skip_trivia();
        if cur.starts_with("#!") {
            // An `#![enable(...)]` attribute: skip to its closing bracket.
            let mut depth = 0usize;
            while let Some(c) = cur.bump() {
                match c {
                    '[' => depth += 1,
                    ']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
        } else {
            break;
        }
    }
    let word = cur.ident()?;
    cur.skip_trivia();
    (cur.peek() == Some('(')).then_some(word)
}

/// A position in the text that keeps line and column as it moves.
struct Cursor<'t> {
    text: &'t str,
    at: usize,
    pos: Pos,
    /// Just after the last non-whitespace character consumed.
    end: Pos,
    unclosed_comment: Option<Pos>,
}

impl<'t> Cursor<'t> {
    fn new(text: &'t str) -> Self {
        Cursor {
            text,
            at: 0,
            pos: Pos::START,
            end: Pos::START,
            unclosed_comment: None,
        }
    }

    fn rest(&self) -> &'t str {
        self.text.get(self.at..).unwrap_or_default()
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek2(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    fn starts_with(&self, s: &str) -> bool {
        self.rest().starts_with(s)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        if c == '\n' {
            self.pos.line += 1;
            self.pos.col = 1;
        } else {
            self.pos.col += 1;
        }
        if !c.is_whitespace() {
            self.end = self.pos;
        }
        Some(c)
    }

    /// Skips whitespace and comments (block comments nest, as in RON).
    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek2()) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => {
                    let start = self.pos;
                    self.bump();
                    self.bump();
                    let mut level = 1usize;
                    while level > 0 {
                        if self.starts_with("/*") {
                            self.bump();
                            self.bump();
                            level += 1;
                        } else if self.starts_with("*/") {
                            self.bump();
                            self.bump();
                            level -= 1;
                        } else if self.bump().is_none() {
                            self.unclosed_comment = Some(start);
                            return;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    /// An identifier (`Actor`, `r#type`), or `None` if there is none here.
    fn ident(&mut self) -> Option<String> {
        let raw = self.starts_with("r#") && self.rest().chars().nth(2).is_some_and(is_ident_start);
        if raw {
            self.bump();
            self.bump();
        } else if !self.peek().is_some_and(is_ident_start) {
            return None;
        }
        let mut word = String::new();
        while let Some(c) = self.peek().filter(|&c| is_ident_char(c)) {
            word.push(c);
            self.bump();
        }
        Some(word)
    }

    /// A quoted string starting here (plain, raw or byte), unescaped; the
    /// flag says whether it was closed before the text ended.
    fn string(&mut self) -> (String, bool) {
        if self.peek() == Some('b') {
            self.bump();
        }
        if self.peek() == Some('r') {
            self.bump();
            let mut hashes = 0usize;
            while self.peek() == Some('#') {
                self.bump();
                hashes += 1;
            }
            self.bump(); // the opening quote
            let close = format!("\"{}", "#".repeat(hashes));
            let mut value = String::new();
            while !self.starts_with(&close) {
                match self.bump() {
                    Some(c) => value.push(c),
                    None => return (value, false),
                }
            }
            for _ in 0..close.chars().count() {
                self.bump();
            }
            return (value, true);
        }
        self.bump(); // the opening quote
        let mut value = String::new();
        // `\x` escapes are bytes; several may spell one UTF-8 character.
        let mut bytes: Vec<u8> = Vec::new();
        loop {
            let Some(c) = self.bump() else {
                value.push_str(&String::from_utf8_lossy(&bytes));
                return (value, false);
            };
            if c != '\\' || self.peek() != Some('x') {
                value.push_str(&String::from_utf8_lossy(&bytes));
                bytes.clear();
            }
            match c {
                '"' => return (value, true),
                '\\' => match self.bump() {
                    Some('n') => value.push('\n'),
                    Some('r') => value.push('\r'),
                    Some('t') => value.push('\t'),
                    Some('0') => value.push('\0'),
                    Some('x') => {
                        let hex: String = (0..2).filter_map(|_| self.bump()).collect();
                        match u8::from_str_radix(&hex, 16) {
                            Ok(b) => bytes.push(b),
                            Err(_) => value.push_str(&hex),
                        }
                    }
                    Some('u') => {
                        let mut hex = String::new();
                        while let Some(c) = self.bump() {
                            match c {
                                '{' => {}
                                '}' => break,
                                c => hex.push(c),
                            }
                            if hex.len() > 6 {
                                break;
                            }
                        }
                        let c = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                        value.push(c.unwrap_or('\u{FFFD}'));
                    }
                    // `\"`, `\\`, `\'` and anything unknown stand for themselves.
                    Some(c) => value.push(c),
                    None => return (value, false),
                },
                c => value.push(c),
            }
        }
    }

    /// Skips a char literal `'x'` or `'\''`.
    fn char_literal(&mut self) {
        self.bump();
        let mut escaped = false;
        // A char literal is short; stop at a line end so a stray apostrophe
        // cannot swallow the rest of the file.
        while let Some(c) = self.peek() {
            if c == '\n' {
                return;
            }
            self.bump();
            match c {
                '\\' if !escaped => escaped = true,
                '\'' if !escaped => return,
                _ => escaped = false,
            }
        }
    }

    /// Skips a number, `true`, or any other run of non-delimiter characters;
    /// always consumes at least one character so scanning makes progress.
    fn atom(&mut self) {
        self.bump();
        while let Some(c) = self.peek() {
            if c.is_whitespace()
                || "()[]{},:\"'".contains(c)
                || self.starts_with("//")
                || self.starts_with("/*")
            {
                return;
            }
            self.bump();
        }
    }
}

/// Whether a string literal starts here: `"`, `r"`, `r#"`, `b"`, `br#"`...
/// but not a raw identifier such as `r#type`.
fn starts_string(rest: &str) -> bool {
    let rest = rest.strip_prefix('b').unwrap_or(rest);
    match rest.strip_prefix('r') {
        Some(raw) => raw.trim_start_matches('#').starts_with('"'),
        None => rest.starts_with('"'),
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Builds the value tree with an explicit stack, so nesting depth costs heap,
/// not call stack.
struct Builder<'t> {
    cur: Cursor<'t>,
    nodes: Vec<Node>,
    strings: Vec<StrLit>,
    /// Open containers, the document first.
    stack: Vec<(usize, char)>,
    /// A field name followed by `:`, waiting for its value.
    key: Option<String>,
    /// An identifier not yet known to be a value or a struct name.
    word: Option<(String, Pos)>,
    unclosed_string: Option<Pos>,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str) -> Self {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        Builder {
            cur: Cursor::new(text),
            nodes: vec![Node {
                kind: Kind::Document,
                name: None,
                pos: Pos::START,
                children: Vec::new(),
            }],
            strings: Vec::new(),
            stack: vec![(0, '\0')],
            key: None,
            word: None,
            unclosed_string: None,
        }
    }

    fn add(&mut self, kind: Kind, name: Option<String>, pos: Pos) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node {
            kind,
            name,
            pos,
            children: Vec::new(),
        });
        let parent = self.stack.last().map_or(0, |&(p, _)| p);
        let key = self.key.take();
        if let Some(p) = self.nodes.get_mut(parent) {
            p.children.push(Child { key, node: id });
        }
        id
    }

    /// A pending identifier turned out to be a value (`Land`, `true`, `None`).
    fn flush_word(&mut self) {
        if let Some((word, pos)) = self.word.take() {
            self.add(Kind::Atom, Some(word), pos);
        }
    }

    fn run(mut self) -> SourceIndex {
        loop {
            self.cur.skip_trivia();
            let pos = self.cur.pos;
            let Some(c) = self.cur.peek() else { break };
            let next = self.cur.peek2();
            match c {
                _ if starts_string(self.cur.rest()) => self.string(pos),
                '\'' | 'b' if c == '\'' || next == Some('\'') => {
                    self.flush_word();
                    if c == 'b' {
                        self.cur.bump();
                    }
                    self.cur.char_literal();
                    self.add(Kind::Atom, None, pos);
                }
                '(' | '[' | '{' => {
                    self.cur.bump();
                    let (kind, name, at) = match (c, self.word.take()) {
                        ('(', Some((word, at))) => (Kind::Paren, Some(word), at),
                        (c, word) => {
                            self.word = word;
                            self.flush_word();
                            let kind = match c {
                                '(' => Kind::Paren,
                                '[' => Kind::Bracket,
                                _ => Kind::Brace,
                            };
                            (kind, None, pos)
                        }
                    };
                    let id = self.add(kind, name, at);
                    self.stack.push((id, c));
                }
                ')' | ']' | '}' => {
                    self.cur.bump();
                    self.flush_word();
                    self.key = None;
                    // A stray closer at the top level is ignored: ron has
                    // already reported it, and we only want positions.
                    if self.stack.len() > 1 {
                        self.stack.pop();
                    }
                }
                ',' => {
                    self.cur.bump();
                    self.flush_word();
                    self.key = None;
                }
                ':' => {
                    self.cur.bump();
                    match self.word.take() {
                        Some((word, _)) => self.key = Some(word),
                        // `"key": value` in a map: the key is the string just read.
                        None => {
                            let parent = self.stack.last().map_or(0, |&(p, _)| p);
                            let last_is_string = self
                                .nodes
                                .get(parent)
                                .and_then(|p| p.children.last())
                                .and_then(|c| self.nodes.get(c.node))
                                .is_some_and(|n| n.kind == Kind::Str);
                            if last_is_string {
                                if let Some(p) = self.nodes.get_mut(parent) {
                                    p.children.pop();
                                }
                                self.key = self.strings.last().map(|s| s.value.clone());
                            }
                        }
                    }
                }
                c if is_ident_start(c) => self.word_here(pos),
                _ => {
                    self.flush_word();
                    self.cur.atom();
                    self.add(Kind::Atom, None, pos);
                }
            }
        }
        self.flush_word();
        let open = self
            .stack
            .iter()
            .skip(1)
            .filter_map(|&(id, bracket)| {
                self.nodes.get(id).map(|n| Open {
                    name: n.name.clone(),
                    bracket,
                    pos: n.pos,
                })
            })
            .collect();
        let unclosed = match (self.unclosed_string, self.cur.unclosed_comment) {
            (Some(pos), _) => Some(Unclosed::String(pos)),
            (None, Some(pos)) => Some(Unclosed::Comment(pos)),
            (None, None) => None,
        };
        SourceIndex {
            nodes: self.nodes,
            strings: self.strings,
            open,
            unclosed,
            end: self.cur.end,
        }
    }

    fn word_here(&mut self, pos: Pos) {
        self.flush_word();
        match self.cur.ident() {
            Some(word) => self.word = Some((word, pos)),
            None => {
                self.cur.atom();
                self.add(Kind::Atom, None, pos);
            }
        }
    }

    fn string(&mut self, pos: Pos) {
        self.flush_word();
        let (value, closed) = self.cur.string();
        if !closed {
            self.unclosed_string = Some(pos);
        }
        self.add(Kind::Str, None, pos);
        self.strings.push(StrLit { value, pos });
    }
}

#[cfg(test)]
mod tests {
    use super::Seg::{Field as F, Index as I};
    use super::*;

    const TEXT: &str = r##"#![enable(implicit_some)]
// A comment with "quotes" and (brackets
Scenario(
    /* nested /* comment */ ( */
    id: "demo",
    actors: [
        Actor(id: "a\"1", place: Some("p_1")),
        (id: r#"b"2"#, place: "p\u{5f}2", note: 'x'),
    ],
    trigger: When(AfterTurn(3, ActorArrested("a\"1"))),
)
"##;

    fn at(line: usize, col: usize) -> Option<Pos> {
        Some(Pos { line, col })
    }

    #[test]
    fn follows_paths_to_values() {
        let index = SourceIndex::new(TEXT);
        assert_eq!(index.root_name(), Some("Scenario"));
        assert_eq!(index.locate(&[F("id")]), at(5, 9));
        assert_eq!(index.locate(&[F("actors"), I(0), F("id")]), at(7, 19));
        // `Some(...)` is looked through.
        assert_eq!(index.locate(&[F("actors"), I(0), F("place")]), at(7, 39));
        assert_eq!(index.locate(&[F("actors"), I(1), F("place")]), at(8, 31));
        assert_eq!(index.locate(&[F("actors"), I(1)]), at(8, 9));
        assert_eq!(index.locate(&[F("trigger"), I(0), I(1), I(0)]), at(10, 46));
        assert_eq!(index.locate(&[F("actors"), I(2)]), None);
    }

    #[test]
    fn unescapes_strings() {
        let index = SourceIndex::new(TEXT);
        let values: Vec<&str> = index.strings().iter().map(|s| s.value.as_str()).collect();
        assert_eq!(values, ["demo", "a\"1", "p_1", "b\"2", "p_2", "a\"1"]);
        assert_eq!(index.find_string("p_2"), at(8, 31));
    }

    #[test]
    fn falls_back_to_record_then_string() {
        let index = SourceIndex::new(TEXT);
        // The record exists but not the field: point at the record.
        assert_eq!(
            index.locate_near(&[F("actors"), I(1), F("route")], Some("p_1")),
            Pos { line: 8, col: 9 }
        );
        // Nothing to follow: the first occurrence of the id.
        assert_eq!(
            index.locate_near(&[F("teams"), I(0)], Some("p_1")),
            Pos { line: 7, col: 39 }
        );
        // Not even that: the top-level value.
        assert_eq!(
            index.locate_near(&[F("teams")], Some("nowhere")),
            Pos { line: 3, col: 1 }
        );
        assert_eq!(
            SourceIndex::new("").locate_near(&[F("teams")], None),
            Pos::START
        );
    }

    #[test]
    fn reports_what_is_open_at_the_end() {
        let index = SourceIndex::new("Scenario(\n  actors: [\n    Actor(id: \"x");
        let open: Vec<_> = index
            .open_at_end()
            .iter()
            .map(|o| (o.name.clone(), o.bracket))
            .collect();
        assert_eq!(
            open,
            [
                (Some("Scenario".to_string()), '('),
                (None, '['),
                (Some("Actor".to_string()), '(')
            ]
        );
        assert_eq!(
            index.unclosed_at_end(),
            Some(Unclosed::String(Pos { line: 3, col: 15 }))
        );
        assert_eq!(index.end(), Pos { line: 3, col: 17 });
        let comment = SourceIndex::new("Scenario( /* never closed");
        assert_eq!(
            comment.unclosed_at_end(),
            Some(Unclosed::Comment(Pos { line: 1, col: 11 }))
        );
    }

    #[test]
    fn survives_garbage() {
        for text in [
            "", ")))]]}", "\"", "'", "r#", "b", "/*", "::,,", "r##\"x", "\\x", "[[[[[[[[",
        ] {
            let index = SourceIndex::new(text);
            assert!(index.locate(&[F("x")]).is_none(), "{text}");
        }
        let deep = "[".repeat(100_000);
        assert_eq!(SourceIndex::new(&deep).open_at_end().len(), 100_000);
    }

    #[test]
    fn reads_the_top_level_name() {
        assert_eq!(top_level_name(TEXT).as_deref(), Some("Scenario"));
        assert_eq!(
            top_level_name("// c\nCatalog(actions: [])").as_deref(),
            Some("Catalog")
        );
        assert_eq!(top_level_name("[1]"), None);
        assert_eq!(top_level_name(""), None);
    }
}
