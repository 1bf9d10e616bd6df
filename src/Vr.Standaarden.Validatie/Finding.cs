namespace Vr.Standaarden.Validatie;

/// <summary>One finding about a message: a schema error or the outcome of a domain rule.</summary>
/// <param name="Code">The stable rule code, for example <c>VR-TIJD-001</c>; schema errors have <see cref="DomainRules.SchemaCode"/>.</param>
/// <param name="Severity">How much it weighs.</param>
/// <param name="InstanceLocation">JSON Pointer to the value in the message ("" is the whole message).</param>
/// <param name="Message">What is wrong, in English.</param>
/// <param name="Bericht">What is wrong, in Dutch.</param>
/// <param name="Keyword">For schema errors: the keyword that failed, for example <c>required</c>.</param>
public sealed record Finding(string Code, Severity Severity, string InstanceLocation, string Message, string Bericht, string? Keyword = null)
{
    /// <summary>One line: pointer, code and the English message.</summary>
    public override string ToString() => $"{(InstanceLocation.Length == 0 ? "(root)" : InstanceLocation)}: [{Code}] {Message}";
}
