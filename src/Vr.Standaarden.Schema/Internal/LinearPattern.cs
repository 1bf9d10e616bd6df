namespace Vr.Standaarden.Schema.Internal;

/// <summary>
/// Decides, conservatively, whether an ECMA-262 pattern runs in linear time on a backtracking engine, so the faster
/// compiled engine can be used without giving up the bound that the non-backtracking engine guarantees. A pattern
/// qualifies when it is anchored at both ends, repeats no group more than once, and every repeated character set is
/// disjoint from whatever can follow it: greedy matching then never has to give characters back, and a failed
/// alternative or optional group costs one pass. Anything the analysis does not understand is "not linear".
/// </summary>
internal static partial class LinearPattern
{
    private const int MaxLength = 1000;

    public static bool IsLinear(string pattern) => ParseLinear(pattern) is not null;

    /// <summary>The top-level alternatives of <paramref name="pattern"/> between its anchors, when it is linear.</summary>
    private static List<List<Node>>? ParseLinear(string pattern)
    {
        if (pattern.Length is < 2 or > MaxLength || pattern[0] != '^' || pattern[^1] != '$' || pattern.EndsWith("\\$", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var parser = new Parser(pattern, 1, pattern.Length - 1);
            var sequence = parser.Alternatives();
            return parser.AtEnd && Check(sequence, CharSet.Empty) ? sequence : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // A node: a character set with a repetition, or a group of alternatives (each a sequence) with a repetition.
    private sealed record Node(CharSet? Set, List<List<Node>>? Alternatives, int Min, int Max)
    {
        public bool IsVariable => Max != Min;
    }

    private static bool Check(List<List<Node>> alternatives, CharSet follow) =>
        alternatives.All(sequence => Check(sequence, follow));

    private static bool Check(List<Node> sequence, CharSet follow)
    {
        for (var i = 0; i < sequence.Count; i++)
        {
            var node = sequence[i];
            var after = First(sequence, i + 1, follow);
            if (node.Alternatives is { } groups)
            {
                // A group may be optional, never repeated: a repeated group is where backtracking blows up.
                if (node.Max > 1 || !Check(groups, after))
                {
                    return false;
                }
            }
            else if (node.IsVariable && node.Set!.Overlaps(after))
            {
                return false;
            }
        }

        return true;
    }

    // The characters that can start the rest of a sequence from position i, then whatever follows the sequence.
    private static CharSet First(List<Node> sequence, int start, CharSet follow)
    {
        var result = CharSet.Empty;
        for (var i = start; i < sequence.Count; i++)
        {
            var node = sequence[i];
            result = result.Union(node.Set ?? node.Alternatives!.Aggregate(CharSet.Empty, (all, s) => all.Union(First(s, 0, CharSet.Empty))));
            if (node.Min > 0 && !(node.Alternatives is { } groups && groups.Any(s => Nullable(s))))
            {
                return result;
            }
        }

        return result.Union(follow);
    }

    private static bool Nullable(List<Node> sequence) =>
        sequence.All(n => n.Min == 0 || (n.Alternatives is { } groups && groups.Any(Nullable)));

    private sealed class Parser(string text, int start, int end)
    {
        private int _position = start;

        public bool AtEnd => _position == end;

        public List<List<Node>> Alternatives()
        {
            var alternatives = new List<List<Node>> { Sequence() };
            while (_position < end && text[_position] == '|')
            {
                _position++;
                alternatives.Add(Sequence());
            }

            return alternatives;
        }

        private List<Node> Sequence()
        {
            var sequence = new List<Node>();
            while (_position < end && text[_position] is not ('|' or ')'))
            {
                var atom = Atom();
                var (min, max) = Quantifier();
                sequence.Add(atom with { Min = min, Max = max });
            }

            return sequence;
        }

        private Node Atom()
        {
            var c = text[_position++];
            switch (c)
            {
                case '(':
                    if (_position < end && text[_position] == '?')
                    {
                        // Only non-capturing groups; look-around and named groups are not analysed.
                        if (_position + 1 < end && text[_position + 1] == ':')
                        {
                            _position += 2;
                        }
                        else
                        {
                            throw new FormatException();
                        }
                    }

                    var alternatives = Alternatives();
                    if (_position >= end || text[_position] != ')')
                    {
                        throw new FormatException();
                    }

                    _position++;
                    return new Node(null, alternatives, 1, 1);
                case '[':
                    return new Node(Class(), null, 1, 1);
                case '\\':
                    return new Node(Escape(inClass: false), null, 1, 1);
                case '.':
                    return new Node(CharSet.Of('\n', '\n').Union(CharSet.Of('\r', '\r')).Union(CharSet.Of('\u2028', '\u2029')).Complement(), null, 1, 1);
                case '^' or '$' or '*' or '+' or '?' or '{' or ']' or '}':
                    throw new FormatException();
                default:
                    return new Node(CharSet.Of(c, c), null, 1, 1);
            }
        }

        private (int Min, int Max) Quantifier()
        {
            if (_position >= end)
            {
                return (1, 1);
            }

            (int, int) result;
            switch (text[_position])
            {
                case '?': _position++; result = (0, 1); break;
                case '*': _position++; result = (0, int.MaxValue); break;
                case '+': _position++; result = (1, int.MaxValue); break;
                case '{':
                    var close = text.IndexOf('}', _position);
                    if (close < 0 || close >= end)
                    {
                        throw new FormatException();
                    }

                    var parts = text[(_position + 1)..close].Split(',');
                    if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], out var min) || min < 0)
                    {
                        throw new FormatException();
                    }

                    var max = parts.Length == 1 ? min : parts[1].Length == 0 ? int.MaxValue : int.TryParse(parts[1], out var m) && m >= min ? m : throw new FormatException();
                    _position = close + 1;
                    result = (min, max);
                    break;
                default:
                    return (1, 1);
            }

            // Lazy and possessive suffixes are not analysed.
            if (_position < end && text[_position] is '?' or '+')
            {
                throw new FormatException();
            }

            return result;
        }

        private CharSet Class()
        {
            var negated = _position < end && text[_position] == '^';
            if (negated)
            {
                _position++;
            }

            var set = CharSet.Empty;
            while (_position < end && text[_position] != ']')
            {
                var low = ClassAtom(out var single);
                if (single is { } lo && _position + 1 < end && text[_position] == '-' && text[_position + 1] != ']')
                {
                    _position++;
                    _ = ClassAtom(out var highSingle);
                    if (highSingle is not { } hi || hi < lo)
                    {
                        throw new FormatException();
                    }

                    set = set.Union(CharSet.Of(lo, hi));
                }
                else
                {
                    set = set.Union(low);
                }
            }

            if (_position >= end)
            {
                throw new FormatException();
            }

            _position++;
            return negated ? set.Complement() : set;
        }

        private CharSet ClassAtom(out char? single)
        {
            var c = text[_position++];
            if (c == '\\')
            {
                var set = Escape(inClass: true);
                single = set.Single;
                return set;
            }

            single = c;
            return CharSet.Of(c, c);
        }

        private CharSet Escape(bool inClass)
        {
            if (_position >= end)
            {
                throw new FormatException();
            }

            var c = text[_position++];
            return c switch
            {
                'd' => CharSet.Digits,
                'D' when !inClass => CharSet.Digits.Complement(),
                'w' => CharSet.Word,
                'W' when !inClass => CharSet.Word.Complement(),
                's' => CharSet.Space,
                'S' when !inClass => CharSet.Space.Complement(),
                'n' => CharSet.Of('\n', '\n'),
                'r' => CharSet.Of('\r', '\r'),
                't' => CharSet.Of('\t', '\t'),
                '.' or '-' or '+' or '*' or '?' or '(' or ')' or '[' or ']' or '{' or '}' or '|' or '^' or '$' or '\\' or '/' or ':' or ',' or '#' or ' ' => CharSet.Of(c, c),
                _ => throw new FormatException(),
            };
        }
    }

    /// <summary>A set of UTF-16 code units as sorted, disjoint, inclusive ranges.</summary>
    internal sealed class CharSet
    {
        private readonly List<(char Low, char High)> _ranges;

        private CharSet(List<(char Low, char High)> ranges) => _ranges = ranges;

        public static CharSet Empty { get; } = new([]);

        public static CharSet Digits { get; } = Of('0', '9');

        public static CharSet Word { get; } = Of('0', '9').Union(Of('A', 'Z')).Union(Of('_', '_')).Union(Of('a', 'z'));

        public static CharSet Space { get; } = new[] { "\t\r", " ", "\u00a0", "\u1680", "\u2000\u200a", "\u2028\u2029", "\u202f", "\u205f", "\u3000", "\ufeff" }
            .Aggregate(Empty, (set, r) => set.Union(Of(r[0], r[^1])));

        public char? Single => _ranges is [var only] && only.Low == only.High ? only.Low : null;

        public IReadOnlyList<(char Low, char High)> Ranges => _ranges;

        public static CharSet Of(char low, char high) => new([(low, high)]);

        public CharSet Union(CharSet other)
        {
            var all = _ranges.Concat(other._ranges).OrderBy(r => r.Low).ToList();
            var merged = new List<(char Low, char High)>();
            foreach (var r in all)
            {
                if (merged.Count > 0 && r.Low <= merged[^1].High + 1)
                {
                    merged[^1] = (merged[^1].Low, (char)Math.Max(merged[^1].High, r.High));
                }
                else
                {
                    merged.Add(r);
                }
            }

            return new CharSet(merged);
        }

        public CharSet Complement()
        {
            var result = new List<(char Low, char High)>();
            var next = 0;
            foreach (var (low, high) in _ranges)
            {
                if (low > next)
                {
                    result.Add(((char)next, (char)(low - 1)));
                }

                next = high + 1;
            }

            if (next <= char.MaxValue)
            {
                result.Add(((char)next, char.MaxValue));
            }

            return new CharSet(result);
        }

        public bool Overlaps(CharSet other) =>
            _ranges.Any(a => other._ranges.Any(b => a.Low <= b.High && b.Low <= a.High));
    }
}
