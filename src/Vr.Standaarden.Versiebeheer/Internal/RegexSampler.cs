using System.Globalization;
using System.Text;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// Writes strings that a regular expression of the JSON Schema subset (ECMA-262) used in schemas probably matches:
/// literals, escapes, classes, groups, alternation and quantifiers. Unbounded quantifiers repeat <c>repeat</c> times, so
/// one pattern gives short and long samples. Samples are candidates only: the engine decides.
/// </summary>
internal sealed class RegexSampler
{
    private const string Word = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
    private readonly string _pattern;
    private readonly Random _random;
    private readonly int _repeat;
    private int _at;

    private RegexSampler(string pattern, int repeat, int seed)
    {
        _pattern = pattern;
        _repeat = repeat;
        _random = new Random(seed);
    }

    /// <summary>Samples for <paramref name="pattern"/>: unbounded parts repeated 0, 1, 2, 5, 20 and 200 times, each with a few seeds.</summary>
    public static IEnumerable<string> Samples(string pattern)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var repeat in new[] { 1, 0, 2, 5, 20, 200 })
        {
            for (var seed = 0; seed < 3; seed++)
            {
                string? sample;
                try
                {
                    sample = new RegexSampler(pattern, repeat, seed * 7919 + repeat).Alternation();
                }
                catch (FormatException)
                {
                    yield break;
                }

                if (sample is not null && seen.Add(sample))
                {
                    yield return sample;
                }
            }
        }
    }

    private bool More => _at < _pattern.Length;

    private char Peek => _pattern[_at];

    private string? Alternation()
    {
        var branches = new List<string?> { Sequence() };
        while (More && Peek == '|')
        {
            _at++;
            branches.Add(Sequence());
        }

        var usable = branches.Where(b => b is not null).ToList();
        return usable.Count == 0 ? null : usable[_random.Next(usable.Count)];
    }

    private string? Sequence()
    {
        var text = new StringBuilder();
        var ok = true;
        while (More && Peek is not ('|' or ')'))
        {
            var atom = Atom(out var lookaround);
            var (min, max) = Quantifier();
            if (lookaround)
            {
                continue;
            }

            var count = max == int.MaxValue ? Math.Max(min, _repeat == 0 ? min : min + _repeat - (min > 0 ? 1 : 0)) : Math.Clamp(min + (_repeat == 0 ? 0 : _random.Next(max - min + 1)), min, max);
            for (var i = 0; i < count; i++)
            {
                var piece = atom();
                if (piece is null)
                {
                    ok = false;
                    break;
                }

                text.Append(piece);
            }
        }

        return ok ? text.ToString() : null;
    }

    private (int Min, int Max) Quantifier()
    {
        if (!More)
        {
            return (1, 1);
        }

        (int, int) result;
        switch (Peek)
        {
            case '?': _at++; result = (0, 1); break;
            case '*': _at++; result = (0, int.MaxValue); break;
            case '+': _at++; result = (1, int.MaxValue); break;
            case '{' when _pattern.IndexOf('}', _at) is var end and > 0 && Bounds(_pattern[(_at + 1)..end]) is { } bounds:
                _at = end + 1;
                result = bounds;
                break;
            default: return (1, 1);
        }

        if (More && Peek == '?')
        {
            _at++;
        }

        return result;
    }

    private static (int, int)? Bounds(string text)
    {
        var parts = text.Split(',');
        static int? Number(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        return parts switch
        {
            [var one] when Number(one) is { } n => (n, n),
            [var low, ""] when Number(low) is { } n => (n, int.MaxValue),
            [var low, var high] when Number(low) is { } n && Number(high) is { } m && m >= n => (n, m),
            _ => null,
        };
    }

    // The atom at the cursor, as a function that writes one occurrence (null: cannot be written).
    private Func<string?> Atom(out bool lookaround)
    {
        lookaround = false;
        var c = _pattern[_at++];
        switch (c)
        {
            case '^' or '$':
                return () => "";
            case '.':
                return () => Pick("abcxyz019");
            case '[':
                return Class();
            case '(':
            {
                var start = _at;
                if (_pattern.AsSpan(_at).StartsWith("?:"))
                {
                    _at += 2;
                }
                else if (_pattern.AsSpan(_at).StartsWith("?=") || _pattern.AsSpan(_at).StartsWith("?!") || _pattern.AsSpan(_at).StartsWith("?<=") || _pattern.AsSpan(_at).StartsWith("?<!"))
                {
                    lookaround = true;
                    SkipGroup();
                    return () => "";
                }
                else if (_pattern.AsSpan(_at).StartsWith("?<"))
                {
                    _at = _pattern.IndexOf('>', _at) + 1;
                    if (_at == 0)
                    {
                        throw new FormatException("group name");
                    }
                }

                var inner = _at;
                SkipGroup(start);
                var body = _pattern[inner..(_at - 1)];
                var repeat = _repeat;
                var seed = _random.Next();
                return () => new RegexSampler(body, repeat, seed++).Alternation();
            }

            case '\\':
                return Escape(inClass: false) is { } set ? () => Pick(set) : throw new FormatException("escape");
            case '*' or '+' or '?' or '{' or ')' or '|':
                throw new FormatException("quantifier without atom");
            default:
                var literal = c.ToString();
                return () => literal;
        }
    }

    // Moves past the group whose body starts at the cursor (nested groups and classes respected).
    private void SkipGroup(int? start = null)
    {
        var depth = 1;
        while (More && depth > 0)
        {
            var c = _pattern[_at++];
            if (c == '\\')
            {
                _at++;
            }
            else if (c == '[')
            {
                while (More && Peek != ']')
                {
                    _at += Peek == '\\' ? 2 : 1;
                }

                _at++;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
        }

        if (depth > 0)
        {
            throw new FormatException("unclosed group at " + (start ?? _at));
        }
    }

    private Func<string?> Class()
    {
        var negate = More && Peek == '^';
        if (negate)
        {
            _at++;
        }

        var set = new StringBuilder();
        var first = true;
        while (More && (Peek != ']' || first))
        {
            first = false;
            string? piece;
            if (Peek == '\\')
            {
                _at++;
                piece = Escape(inClass: true) ?? throw new FormatException("escape");
            }
            else
            {
                piece = _pattern[_at++].ToString();
            }

            if (piece.Length == 1 && More && Peek == '-' && _at + 1 < _pattern.Length && _pattern[_at + 1] != ']')
            {
                _at++;
                char high;
                if (Peek == '\\')
                {
                    _at++;
                    high = (Escape(inClass: true) ?? throw new FormatException("escape"))[0];
                }
                else
                {
                    high = _pattern[_at++];
                }

                for (var ch = piece[0]; ch <= high && ch - piece[0] < 512; ch++)
                {
                    set.Append(ch);
                }
            }
            else
            {
                set.Append(piece);
            }
        }

        if (!More)
        {
            throw new FormatException("unclosed class");
        }

        _at++;
        var chars = set.ToString();
        if (negate)
        {
            var outside = new string([.. "abcxyzABC019 _-.".Where(ch => !chars.Contains(ch, StringComparison.Ordinal))]);
            return () => outside.Length == 0 ? null : Pick(outside);
        }

        return () => chars.Length == 0 ? null : Pick(chars);
    }

    // The characters an escape stands for (the cursor is after the backslash).
    private string? Escape(bool inClass)
    {
        if (!More)
        {
            return null;
        }

        var c = _pattern[_at++];
        switch (c)
        {
            case 'd': return "0123456789";
            case 'D': return "abcXYZ_-";
            case 'w': return Word;
            case 'W': return " -.!";
            case 's': return " ";
            case 'S': return "abc019";
            case 'b' when !inClass: return "";
            case 'B': return "";
            case 'n': return "\n";
            case 't': return "\t";
            case 'r': return "\r";
            case 'u' when _at + 4 <= _pattern.Length && int.TryParse(_pattern.AsSpan(_at, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                _at += 4;
                return ((char)code).ToString();
            case 'x' when _at + 2 <= _pattern.Length && int.TryParse(_pattern.AsSpan(_at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex):
                _at += 2;
                return ((char)hex).ToString();
            case 'p' or 'P' when More && Peek == '{':
                _at = _pattern.IndexOf('}', _at) + 1;
                return c == 'p' ? "abcXYZé" : "019 -";
            default:
                return char.IsAsciiLetterOrDigit(c) && !inClass ? null : c.ToString();
        }
    }

    private string Pick(string set) => set.Length == 0 ? "" : set[_random.Next(set.Length)].ToString();
}
