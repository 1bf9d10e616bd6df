using Xunit;

namespace Vr.Standaarden.Testing;

/// <summary>
/// The files of <c>tests/fixtures/bad-input</c>: a message of the standard saved in other encodings, with stray bytes,
/// or broken JSON, each with the problem an entry point must report and the byte where it starts.
/// </summary>
public static class BadInput
{
    public static string Folder => Path.Combine(ConformanceSuites.RepositoryRoot, "tests", "fixtures", "bad-input");

    public static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Folder, file));

    /// <summary>File, the kind of problem (name of an <c>InputProblemKind</c> member), and its byte offset (-1: not checked).</summary>
    public static TheoryData<string, string, long> Cases => new()
    {
        { "latin1-omschrijving.json", "InvalidUtf8", 1218 },
        { "overlong-solidus.json", "InvalidUtf8", 1215 },
        { "encoded-surrogate.json", "InvalidUtf8", 1215 },
        { "truncated-sequence-at-end.json", "InvalidUtf8", 21 },
        { "utf16le-bom.json", "Utf16", 0 },
        { "utf16be-bom.json", "Utf16", 0 },
        { "utf32le-bom.json", "Utf32", 0 },
        { "utf16le-no-bom.json", "NulByte", 1 },
        { "nul-before-member.json", "NulByte", 220 },
        { "trailing-comma.json", "Syntax", -1 },
        { "cut-off.json", "Syntax", -1 },
        { "empty.json", "Syntax", 0 },
        { "whitespace-only.json", "Syntax", -1 },
        { "comment.json", "Syntax", 0 },
    };
}
