using System.Globalization;
using Vr.Standaarden.Schema;

namespace Vr.Standaarden.Validatie;

/// <summary>One finding about a message: a schema error, the outcome of a domain rule, or why the message cannot be read.</summary>
/// <param name="Code">The stable rule code, for example <c>VR-TIJD-001</c>; schema errors have <see cref="DomainRules.SchemaCode"/>.</param>
/// <param name="Severity">How much it weighs.</param>
/// <param name="InstanceLocation">JSON Pointer to the value in the message ("" is the whole message).</param>
/// <param name="Text">What is wrong, in Dutch and English.</param>
/// <param name="Keyword">For schema errors: the keyword that failed, for example <c>required</c>.</param>
public sealed record Finding(string Code, Severity Severity, string InstanceLocation, LocalizedText Text, string? Keyword = null)
{
    /// <summary>What is wrong, in the language of <see cref="CultureInfo.CurrentUICulture"/> (Dutch for <c>nl</c>, English otherwise).</summary>
    public string Message => Text.ToString();

    /// <summary>What is wrong, in English.</summary>
    public string English => Text.English;

    /// <summary>What is wrong, in Dutch.</summary>
    public string Dutch => Text.Dutch;

    /// <summary>One line: pointer, code and the message in the language of the current UI culture.</summary>
    public override string ToString() => $"{(InstanceLocation.Length == 0 ? "(root)" : InstanceLocation)}: [{Code}] {Message}";
}
