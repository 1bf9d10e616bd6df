using System.Globalization;
using System.Text;

namespace Vr.Standaarden.Schema.Formats;

/// <summary>
/// Host names under RFC 1123 and IDNA2008 (RFC 5890–5893): label lengths, hyphen rules, A-label round trips, the
/// code point categories of RFC 5892 with its exception list, the contextual rules, and the Bidi rule. The derived
/// property table is approximated from Unicode general categories, which .NET exposes; the Joining_Type and Bidi
/// classes are approximated by script ranges for the scripts these rules concern.
/// </summary>
internal static class Idna
{
    private static readonly int[] Viramas =
    [
        0x094D, 0x09CD, 0x0A4D, 0x0ACD, 0x0B4D, 0x0BCD, 0x0C4D, 0x0CCD, 0x0D3B, 0x0D3C, 0x0D4D, 0x0DCA, 0x0E3A, 0x0EBA, 0x0F84,
        0x1039, 0x103A, 0x1714, 0x1734, 0x17D2, 0x1A60, 0x1B44, 0x1BAA, 0x1BAB, 0x1BF2, 0x1BF3, 0x2D7F, 0xA806, 0xA8C4, 0xA953,
        0xA9C0, 0xAAF6, 0xABED, 0x10A3F, 0x11046, 0x1107F, 0x110B9, 0x11133, 0x11134, 0x111C0, 0x11235, 0x112EA, 0x1134D,
        0x11442, 0x114C2, 0x115BF, 0x1163F, 0x116B6, 0x1172B, 0x11839, 0x119E0, 0x11A34, 0x11A47, 0x11A99, 0x11C3F, 0x11D44,
        0x11D45, 0x11D97,
    ];

    /// <summary>The <c>hostname</c> format: ASCII only; <c>xn--</c> labels must be valid A-labels.</summary>
    public static bool IsHostname(string value)
    {
        foreach (var c in value)
        {
            if (c >= 0x80)
            {
                return false;
            }
        }

        return IsDomain(value.Split('.'), ascii: true);
    }

    /// <summary>The <c>idn-hostname</c> format.</summary>
    public static bool IsIdnHostname(string value) => IsDomain(value.Split('.', '\u3002', '\uFF0E', '\uFF61'), ascii: false);

    private static bool IsDomain(string[] labels, bool ascii)
    {
        var uLabels = new List<int[]>(labels.Length);
        var asciiLength = labels.Length - 1;
        foreach (var label in labels)
        {
            if (label.Length == 0)
            {
                return false;
            }

            int[] codePoints;
            string aLabel;
            if (label.StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
            {
                var payload = label[4..];
                if (!Punycode.TryDecode(payload, out codePoints) || codePoints.All(c => c < 0x80) ||
                    !string.Equals(Punycode.Encode(codePoints), payload, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                aLabel = label;
            }
            else
            {
                codePoints = [.. label.EnumerateRunes().Select(r => r.Value)];
                if (ascii && codePoints.Any(c => c >= 0x80))
                {
                    return false;
                }

                aLabel = codePoints.All(c => c < 0x80) ? label : "xn--" + Punycode.Encode(codePoints);
            }

            if (aLabel.Length > 63 || !IsLabel(codePoints))
            {
                return false;
            }

            asciiLength += aLabel.Length;
            uLabels.Add(codePoints);
        }

        return asciiLength <= 253 && BidiRule(uLabels);
    }

    private static bool IsLabel(int[] label)
    {
        if (label[0] == '-' || label[^1] == '-')
        {
            return false;
        }

        if (label.Length >= 4 && label[2] == '-' && label[3] == '-')
        {
            return false;
        }

        if (label.All(c => c < 0x80))
        {
            return label.All(c => c is '-' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9'));
        }

        var text = string.Concat(label.Select(char.ConvertFromUtf32));
        if (!text.IsNormalized(NormalizationForm.FormC))
        {
            return false;
        }

        if (IsMark(label[0]))
        {
            return false;
        }

        var hasArabicIndic = label.Any(c => c is >= 0x0660 and <= 0x0669);
        var hasExtendedArabicIndic = label.Any(c => c is >= 0x06F0 and <= 0x06F9);
        if (hasArabicIndic && hasExtendedArabicIndic)
        {
            return false;
        }

        for (var i = 0; i < label.Length; i++)
        {
            var c = label[i];
            switch (c)
            {
                case 0x00DF or 0x03C2 or 0x06FD or 0x06FE or 0x0F0B or 0x3007:
                    continue; // PVALID exceptions
                case 0x0640 or 0x07FA or 0x302E or 0x302F or (>= 0x3031 and <= 0x3035) or 0x303B:
                    return false; // DISALLOWED exceptions
                case 0x200C:
                    if (!(i > 0 && IsVirama(label[i - 1])) && !ZeroWidthNonJoinerContext(label, i))
                    {
                        return false;
                    }

                    continue;
                case 0x200D:
                    if (!(i > 0 && IsVirama(label[i - 1])))
                    {
                        return false;
                    }

                    continue;
                case 0x00B7:
                    if (!(i > 0 && label[i - 1] == 'l' && i + 1 < label.Length && label[i + 1] == 'l'))
                    {
                        return false;
                    }

                    continue;
                case 0x0375:
                    if (!(i + 1 < label.Length && IsGreek(label[i + 1])))
                    {
                        return false;
                    }

                    continue;
                case 0x05F3 or 0x05F4:
                    if (!(i > 0 && IsHebrew(label[i - 1])))
                    {
                        return false;
                    }

                    continue;
                case 0x30FB:
                    if (!label.Any(o => o != 0x30FB && IsHiraganaKatakanaHan(o)))
                    {
                        return false;
                    }

                    continue;
                case >= 0x0660 and <= 0x0669 or >= 0x06F0 and <= 0x06F9:
                    continue;
            }

            if (!IsPValid(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPValid(int c)
    {
        if (c == '-' || c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
        {
            return true;
        }

        if (c < 0x80)
        {
            return false;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        if (category is not (UnicodeCategory.LowercaseLetter or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
        {
            return false;
        }

        // Stable under NFKC and case folding (an approximation of RFC 5892's Unstable category).
        var text = char.ConvertFromUtf32(c);
        return text.Normalize(NormalizationForm.FormKC) == text && string.Equals(text.ToLowerInvariant(), text, StringComparison.Ordinal);
    }

    private static bool IsMark(int c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static bool IsVirama(int c) => Array.IndexOf(Viramas, c) >= 0;

    private static bool IsGreek(int c) => c is >= 0x0370 and <= 0x03FF and not 0x0375 or >= 0x1F00 and <= 0x1FFF;

    private static bool IsHebrew(int c) => c is >= 0x0590 and <= 0x05FF;

    private static bool IsArabicLetter(int c) =>
        (c is >= 0x0600 and <= 0x06FF or >= 0x0750 and <= 0x077F or >= 0x08A0 and <= 0x08FF) &&
        CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter;

    private static bool IsHiraganaKatakanaHan(int c) =>
        c is >= 0x3040 and <= 0x309F or >= 0x30A0 and <= 0x30FF or >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF
            or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x2FA1F or 0x3005 or 0x3006 or 0x3007;

    /// <summary>RFC 5892 A.1: a joining letter before (skipping transparent marks) and after the ZWNJ.</summary>
    private static bool ZeroWidthNonJoinerContext(int[] label, int at)
    {
        var before = at - 1;
        while (before >= 0 && IsMark(label[before]))
        {
            before--;
        }

        var after = at + 1;
        while (after < label.Length && IsMark(label[after]))
        {
            after++;
        }

        return before >= 0 && after < label.Length && IsArabicLetter(label[before]) && IsArabicLetter(label[after]);
    }

    private enum Bidi
    {
        L,
        R,
        AL,
        EN,
        AN,
        NSM,
        Other,
    }

    private static Bidi ClassOf(int c)
    {
        if (c is >= '0' and <= '9' or >= 0x06F0 and <= 0x06F9)
        {
            return Bidi.EN;
        }

        if (c is >= 0x0660 and <= 0x0669 or 0x066B or 0x066C)
        {
            return Bidi.AN;
        }

        if (IsMark(c))
        {
            return Bidi.NSM;
        }

        if (c is >= 0x0590 and <= 0x05FF or >= 0x07C0 and <= 0x085F or >= 0xFB1D and <= 0xFB4F)
        {
            return Bidi.R;
        }

        if (c is >= 0x0600 and <= 0x06FF or >= 0x0750 and <= 0x077F or >= 0x08A0 and <= 0x08FF or >= 0xFB50 and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF)
        {
            return Bidi.AL;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.SpacingCombiningMark
            || (c == 0x0F0B)
            ? Bidi.L
            : Bidi.Other;
    }

    /// <summary>RFC 5893 §2, applied when the name holds any right-to-left label.</summary>
    private static bool BidiRule(List<int[]> labels)
    {
        if (!labels.Any(l => l.Any(c => ClassOf(c) is Bidi.R or Bidi.AL or Bidi.AN)))
        {
            return true;
        }

        foreach (var label in labels)
        {
            var classes = label.Select(ClassOf).ToArray();
            var first = classes[0];
            var last = Array.FindLast(classes, c => c != Bidi.NSM);
            if (first is Bidi.R or Bidi.AL)
            {
                if (classes.Contains(Bidi.L) || last is not (Bidi.R or Bidi.AL or Bidi.EN or Bidi.AN) ||
                    (classes.Contains(Bidi.EN) && classes.Contains(Bidi.AN)))
                {
                    return false;
                }
            }
            else if (first == Bidi.L)
            {
                if (classes.Any(c => c is Bidi.R or Bidi.AL or Bidi.AN) || last is not (Bidi.L or Bidi.EN))
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
