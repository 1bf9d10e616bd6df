using System.Text;

namespace Vr.Standaarden.Schema.Formats;

/// <summary>RFC 3492 Punycode, for checking A-labels (<c>xn--</c>) and the length of U-labels.</summary>
internal static class Punycode
{
    private const int Base = 36, TMin = 1, TMax = 26, Skew = 38, Damp = 700, InitialBias = 72, InitialN = 128;

    public static bool TryDecode(string input, out int[] codePoints)
    {
        codePoints = [];
        var output = new List<int>();
        var delimiter = input.LastIndexOf('-');
        if (delimiter > 0)
        {
            foreach (var c in input.AsSpan(0, delimiter))
            {
                if (c >= 0x80)
                {
                    return false;
                }

                output.Add(c);
            }
        }

        var position = delimiter > 0 ? delimiter + 1 : 0;
        long n = InitialN, i = 0;
        var bias = InitialBias;
        while (position < input.Length)
        {
            var oldI = i;
            long w = 1;
            for (var k = Base; ; k += Base)
            {
                if (position >= input.Length)
                {
                    return false;
                }

                var digit = DigitValue(input[position++]);
                if (digit < 0)
                {
                    return false;
                }

                i += digit * w;
                if (i > int.MaxValue)
                {
                    return false;
                }

                var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                if (digit < t)
                {
                    break;
                }

                w *= Base - t;
                if (w > int.MaxValue)
                {
                    return false;
                }
            }

            bias = Adapt(i - oldI, output.Count + 1, oldI == 0);
            n += i / (output.Count + 1);
            i %= output.Count + 1;
            if (n > 0x10FFFF || n is >= 0xD800 and <= 0xDFFF)
            {
                return false;
            }

            output.Insert((int)i, (int)n);
            i++;
        }

        codePoints = [.. output];
        return true;
    }

    public static string Encode(IReadOnlyList<int> input)
    {
        var output = new StringBuilder();
        foreach (var c in input)
        {
            if (c < 0x80)
            {
                output.Append((char)c);
            }
        }

        var basic = output.Length;
        var handled = basic;
        if (basic > 0)
        {
            output.Append('-');
        }

        long n = InitialN, delta = 0;
        var bias = InitialBias;
        while (handled < input.Count)
        {
            var m = input.Where(c => c >= n).Min();
            delta += (m - n) * (handled + 1);
            n = m;
            foreach (var c in input)
            {
                if (c < n)
                {
                    delta++;
                }

                if (c == n)
                {
                    var q = delta;
                    for (var k = Base; ; k += Base)
                    {
                        var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                        if (q < t)
                        {
                            break;
                        }

                        output.Append(Digit((int)(t + ((q - t) % (Base - t)))));
                        q = (q - t) / (Base - t);
                    }

                    output.Append(Digit((int)q));
                    bias = Adapt(delta, handled + 1, handled == basic);
                    delta = 0;
                    handled++;
                }
            }

            delta++;
            n++;
        }

        return output.ToString();
    }

    private static int Adapt(long delta, int points, bool first)
    {
        delta = first ? delta / Damp : delta / 2;
        delta += delta / points;
        var k = 0;
        while (delta > ((Base - TMin) * TMax) / 2)
        {
            delta /= Base - TMin;
            k += Base;
        }

        return (int)(k + (((Base - TMin + 1) * delta) / (delta + Skew)));
    }

    private static int DigitValue(char c) => c switch
    {
        >= 'a' and <= 'z' => c - 'a',
        >= 'A' and <= 'Z' => c - 'A',
        >= '0' and <= '9' => c - '0' + 26,
        _ => -1,
    };

    private static char Digit(int d) => (char)(d < 26 ? 'a' + d : '0' + d - 26);
}
