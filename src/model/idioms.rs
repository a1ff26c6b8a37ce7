//! Idioms the model leaves alone: their characters often follow each other nowhere else, so
//! the n-grams of official prose find them unlikely (`dictionaries/model/idioms.txt`).

use crate::hash::FastMap;

/// Idioms by their first character.
#[derive(Debug, Default)]
pub(crate) struct Idioms {
    by_first: FastMap<char, Vec<&'static str>>,
    /// The longest idiom, in characters.
    longest: usize,
}

impl Idioms {
    /// One idiom a line; `#` starts a comment line.
    pub(crate) fn parse(text: &'static str) -> Idioms {
        let mut idioms = Idioms::default();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let mut chars = line.chars();
            let Some(first) = chars.next() else { continue };
            idioms.longest = idioms.longest.max(1 + chars.count());
            idioms.by_first.entry(first).or_default().push(line);
        }
        idioms
    }

    /// Whether `chars[i]` lies inside an idiom written out in `chars`.
    pub(crate) fn covers(&self, chars: &[char], i: usize) -> bool {
        let from = (i + 1).saturating_sub(self.longest);
        (from..=i).any(|start| {
            let Some(list) = self.by_first.get(&chars[start]) else { return false };
            list.iter().any(|w| {
                let n = w.chars().count();
                start + n > i
                    && start + n <= chars.len()
                    && w.chars().eq(chars[start..start + n].iter().copied())
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_characters_inside_an_idiom() {
        let idioms = Idioms::parse("# comment\n一丘之貉\n再接再厉\n");
        let chars: Vec<char> = "他们是一丘之貉。".chars().collect();
        let inside: Vec<usize> = (0..chars.len()).filter(|&i| idioms.covers(&chars, i)).collect();
        assert_eq!(inside, [3, 4, 5, 6]);
        let wrong: Vec<char> = "一丘之鹤".chars().collect();
        assert!(!(0..4).any(|i| idioms.covers(&wrong, i)));
    }
}
