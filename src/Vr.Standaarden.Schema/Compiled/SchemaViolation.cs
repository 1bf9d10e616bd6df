namespace Vr.Standaarden.Schema.Compiled;

/// <summary>A value that breaks a schema, as reported by code generated from that schema.</summary>
/// <param name="InstanceLocation">JSON Pointer to the value ("" is the document).</param>
/// <param name="Keyword">The keyword that failed, for example <c>required</c> or <c>pattern</c>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record SchemaViolation(string InstanceLocation, string Keyword, string Message)
{
    /// <summary>A violation whose text comes from <see cref="SchemaMessages"/>, in English and Dutch.</summary>
    /// <param name="instanceLocation">JSON Pointer to the value.</param>
    /// <param name="keyword">The keyword that failed.</param>
    /// <param name="text">What is wrong; <see cref="Message"/> is its English.</param>
    public SchemaViolation(string instanceLocation, string keyword, LocalizedText text)
        : this(instanceLocation, keyword, (text ?? throw new ArgumentNullException(nameof(text))).English) => Text = text;

    /// <summary>What is wrong in English and Dutch; its <c>ToString()</c> follows the current UI culture.</summary>
    public LocalizedText Text { get; init; } = new(Message, Message);

    /// <summary>For a document that could not be read at all (encoding, syntax, size or depth): what is wrong and where, in Dutch and English.</summary>
    public Input.InputProblem? Problem { get; init; }

    /// <summary>Location, message and keyword on one line.</summary>
    public override string ToString() => $"{(InstanceLocation.Length == 0 ? "(root)" : InstanceLocation)}: {Message} ({Keyword})";
}
