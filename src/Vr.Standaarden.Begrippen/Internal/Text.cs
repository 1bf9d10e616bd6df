namespace Vr.Standaarden.Begrippen.Internal;

/// <summary>Small checks shared by the value types.</summary>
internal static class Text
{
    /// <summary>The index of the first character in <paramref name="span"/> that is not an ASCII digit, or -1.</summary>
    public static int FirstNonDigit(ReadOnlySpan<char> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            if (!char.IsAsciiDigit(span[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The value quoted for a message, or "an empty value".</summary>
    public static string Quote(string? text) => string.IsNullOrEmpty(text) ? "an empty value" : $"'{text}'";
}
