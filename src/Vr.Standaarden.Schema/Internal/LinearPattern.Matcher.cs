namespace Vr.Standaarden.Schema.Internal;

internal static partial class LinearPattern
{
    /// <summary>The most ways through a pattern's groups that <see cref="TryCreateMatcher"/> accepts.</summary>
    private const int MaxPaths = 64;

    /// <summary>
    /// Builds a matcher that decides <paramref name="pattern"/> without a regular-expression engine, or returns
    /// <see langword="null"/> when the pattern is outside the class it handles: the linear patterns (see
    /// <see cref="IsLinear"/>) with a single top-level sequence and at most <see cref="MaxPaths"/> ways through their
    /// groups. In a linear pattern a repeated character set never has to give characters back, so the matcher takes
    /// each set greedily and only revisits the choice of a group's alternative, trying only the alternatives that can
    /// start with the next character. Its work is bounded by the number of ways times the input length, and it matches
    /// UTF-16 code units exactly as the regular-expression engines do.
    /// </summary>
    public static Matcher? TryCreateMatcher(string pattern)
    {
        // "^a|b$" means "(^a)|(b$)": only a single top-level sequence is anchored at both ends.
        if (ParseLinear(pattern) is not [var sequence] || Paths(sequence) > MaxPaths)
        {
            return null;
        }

        return new Matcher(Compile(sequence, next: null));
    }

    private static long Paths(List<Node> sequence)
    {
        long paths = 1;
        foreach (var node in sequence)
        {
            if (node.Alternatives is { } groups)
            {
                paths *= groups.Sum(Paths) + (node.Min == 0 ? 1 : 0);
                if (paths > MaxPaths)
                {
                    return paths;
                }
            }
        }

        return paths;
    }

    // Each step points at the step that follows it, across the end of a group: no group repeats, so what follows any
    // step is fixed by the pattern.
    private static Step? Compile(List<Node> sequence, Step? next)
    {
        for (var i = sequence.Count - 1; i >= 0; i--)
        {
            var node = sequence[i];
            next = node.Alternatives is { } groups
                ? new Step(
                    null,
                    [.. groups.Select(g => new Alternative(Compile(g, next), new CharClass(First(g, 0, CharSet.Empty)), Nullable(g)))],
                    node.Min,
                    node.Max,
                    next)
                : new Step(new CharClass(node.Set!), null, node.Min, node.Max, next);
        }

        return next;
    }

    internal sealed record Step(CharClass? Set, Alternative[]? Alternatives, int Min, int Max, Step? Next);

    internal sealed record Alternative(Step? Head, CharClass First, bool Nullable);

    /// <summary>A character set with a bitmap for ASCII and sorted ranges for the rest.</summary>
    internal sealed class CharClass
    {
        private readonly ulong _low;
        private readonly ulong _high;
        private readonly (char Low, char High)[] _wide;

        public CharClass(CharSet set)
        {
            var wide = new List<(char Low, char High)>();
            foreach (var (low, high) in set.Ranges)
            {
                for (int c = low; c <= Math.Min((int)high, 127); c++)
                {
                    if (c < 64)
                    {
                        _low |= 1UL << c;
                    }
                    else
                    {
                        _high |= 1UL << (c - 64);
                    }
                }

                if (high >= 128)
                {
                    wide.Add(((char)Math.Max((int)low, 128), high));
                }
            }

            _wide = [.. wide];
        }

        public bool Contains(char c)
        {
            if (c < 64)
            {
                return ((_low >> c) & 1) != 0;
            }

            if (c < 128)
            {
                return ((_high >> (c - 64)) & 1) != 0;
            }

            foreach (var (low, high) in _wide)
            {
                if (c < low)
                {
                    return false;
                }

                if (c <= high)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>A linear pattern matched without a regular-expression engine; see <see cref="TryCreateMatcher"/>.</summary>
    internal sealed class Matcher
    {
        private readonly Step? _first;

        internal Matcher(Step? first) => _first = first;

        public bool IsMatch(ReadOnlySpan<char> input) => Match(_first, input, 0);

        private static bool Match(Step? step, ReadOnlySpan<char> input, int position)
        {
            while (step is not null)
            {
                if (step.Set is { } set)
                {
                    var count = 0;
                    while (count < step.Max && position < input.Length && set.Contains(input[position]))
                    {
                        position++;
                        count++;
                    }

                    if (count < step.Min)
                    {
                        return false;
                    }

                    step = step.Next;
                    continue;
                }

                foreach (var alternative in step.Alternatives!)
                {
                    var fits = position < input.Length ? alternative.Nullable || alternative.First.Contains(input[position]) : alternative.Nullable;
                    if (fits && Match(alternative.Head, input, position))
                    {
                        return true;
                    }
                }

                if (step.Min > 0)
                {
                    return false;
                }

                step = step.Next;
            }

            return position == input.Length;
        }
    }
}
