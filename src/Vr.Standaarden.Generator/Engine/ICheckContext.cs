using System.Collections.Generic;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// What a keyword's emitted check may ask of the file being compiled: the names of what the file emits once and shares
/// (a subschema's element validator, a compiled pattern, a parsed constant) and the compiler's test of whether a value
/// matches a subschema. A keyword's generator part writes its own statements and asks for everything else here.
/// </summary>
internal interface ICheckContext
{
    /// <summary>The name of <paramref name="schema"/>'s element validator (<c>(JsonElement value, string location, errors)</c>), emitted once per file.</summary>
    string Validator(JsonNode schema);

    /// <summary>The static field that holds <paramref name="pattern"/> compiled, one per distinct pattern in the file.</summary>
    string Pattern(string pattern);

    /// <summary>The static field that holds the JSON value <paramref name="value"/>, parsed once per file.</summary>
    string Constant(JsonNode value);

    /// <summary>
    /// Writes a declaration of <c>matched</c>: whether <c>value</c> matches <paramref name="schema"/>, as one expression
    /// where the schema is simple, otherwise by running its validator and taking its violations back.
    /// </summary>
    void Matched(CodeWriter w, JsonNode schema);

    /// <summary>
    /// A C# expression over <c>value</c> that is true exactly when it matches <paramref name="schema"/>; <c>null</c> when
    /// the schema is not that simple. <paramref name="shared"/> names the locals that hold members the caller has looked
    /// up already (whether present, and the value).
    /// </summary>
    string? Condition(JsonNode schema, Dictionary<string, (string Present, string Value)>? shared = null);

    /// <summary>Writes the checks of a string in <paramref name="text"/> against <paramref name="schema"/>, reported under <paramref name="keyword"/> when given.</summary>
    void StringChecks(CodeWriter w, JsonNode schema, string text, string location, string? keyword);

    /// <summary>A number not given out before in the file, for the names of locals.</summary>
    string Number();
}
