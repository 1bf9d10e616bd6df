namespace Vr.Standaarden.Schema.Input;

/// <summary>
/// Why a document cannot be read, and where: the byte offset, line and column of the first offending byte.
/// </summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="ByteOffset">0-based offset of the first offending byte, or <c>-1</c> when the problem is not at one place (a size limit).</param>
/// <param name="Line">1-based line of that byte (lines end at <c>\n</c>), or <c>0</c> when not at one place.</param>
/// <param name="Column">1-based column of that byte, counted in characters from the start of its line, or <c>0</c> when not at one place.</param>
/// <param name="Text">What is wrong and where, in Dutch and English.</param>
public sealed record InputProblem(InputProblemKind Kind, long ByteOffset, int Line, int Column, LocalizedText Text)
{
    /// <summary>
    /// The JSON Pointer of the offending member where the problem is at one (<see cref="InputProblemKind.DuplicateMember"/>:
    /// the second member of that name); <c>null</c> otherwise.
    /// </summary>
    public string? InstanceLocation { get; init; }

    /// <summary>The text in the language of the current UI culture.</summary>
    public override string ToString() => Text.ToString();
}
