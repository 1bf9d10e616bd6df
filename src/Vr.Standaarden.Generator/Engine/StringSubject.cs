using System;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The string a generated check compares with a schema's literal strings (<c>const</c>, <c>enum</c>): characters held in
/// a <c>string</c> or span, or a string token compared as UTF-8 by its element or reader, which makes no string unless
/// for a violation's message.
/// </summary>
internal sealed class StringSubject
{
    private readonly Func<string, string> _is;

    private StringSubject(Func<string, string> @is, string shown)
    {
        _is = @is;
        Shown = shown;
    }

    /// <summary>The characters in <paramref name="text"/> (a <c>string</c> or a span of them).</summary>
    public static StringSubject Text(string text) =>
        new(literal => $"global::System.MemoryExtensions.SequenceEqual<char>({text}, {Names.Literal(literal)})", $"{SchemaCompiler.Msg}.Show({text})");

    /// <summary>
    /// The string token in <paramref name="value"/>, compared with its method <paramref name="equals"/> (<c>ValueEquals</c>
    /// of an element, <c>ValueTextEquals</c> of a reader).
    /// </summary>
    public static StringSubject Utf8(string value, string equals) =>
        new(literal => $"{value}.{equals}({Names.Literal(literal)}u8)", $"{SchemaCompiler.Msg}.Show({value}.GetString()!)");

    /// <summary>An expression of the subject as text, for a violation's message.</summary>
    public string Shown { get; }

    /// <summary>A C# expression that is true when the subject is the string <paramref name="literal"/>.</summary>
    public string Is(string literal) => _is(literal);
}
