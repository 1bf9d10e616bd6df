namespace Vr.Standaarden.Begrippen.Internal;

/// <summary>
/// A value type of the vocabulary that has one canonical text form. Implementers write <see cref="Check"/> only;
/// parsing, the <see cref="IParsable{TSelf}"/> members and JSON come from it.
/// </summary>
internal interface ITextValue<TSelf> : IParsable<TSelf>
    where TSelf : struct, ITextValue<TSelf>
{
    /// <summary>Reads <paramref name="text"/>; returns <c>null</c> and the value, or a precise message saying what is wrong.</summary>
    static abstract string? Check(string? text, out TSelf value);

    static TSelf IParsable<TSelf>.Parse(string s, IFormatProvider? provider) => TextValue.Parse<TSelf>(s);

    static bool IParsable<TSelf>.TryParse(string? s, IFormatProvider? provider, out TSelf result) => TSelf.Check(s, out result) is null;
}

/// <summary>The parse entry points every value type offers, written once.</summary>
internal static class TextValue
{
    public static T Parse<T>(string s)
        where T : struct, ITextValue<T> =>
        T.Check(s, out var value) is { } error ? throw new FormatException(error) : value;

    public static bool TryParse<T>(string? s, out T result, out string? error)
        where T : struct, ITextValue<T> =>
        (error = T.Check(s, out result)) is null;
}
