namespace Vr.Standaarden.Schema.Input;

/// <summary>Why a document cannot be read as JSON.</summary>
public enum InputProblemKind
{
    /// <summary>A byte sequence that is not UTF-8 (for example a Latin-1 or Windows-1252 character).</summary>
    InvalidUtf8,

    /// <summary>The document starts with the byte order mark of UTF-16 (<c>FF FE</c> or <c>FE FF</c>); JSON exchanged between systems is UTF-8.</summary>
    Utf16,

    /// <summary>The document starts with the byte order mark of UTF-32; JSON exchanged between systems is UTF-8.</summary>
    Utf32,

    /// <summary>A NUL byte (<c>00</c>), which JSON text never holds; often UTF-16 without a byte order mark.</summary>
    NulByte,

    /// <summary>The document is larger than the configured limit.</summary>
    TooLarge,

    /// <summary>The document nests arrays and objects deeper than the configured limit.</summary>
    TooDeep,

    /// <summary>The document is UTF-8 but not JSON: a syntax error, or no value at all.</summary>
    Syntax,

    /// <summary>
    /// An object holds a member name twice (after unescaping). JSON readers disagree on which value counts, so the
    /// document is refused rather than read one way here and another way elsewhere.
    /// </summary>
    DuplicateMember,
}
