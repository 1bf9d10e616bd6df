namespace Vr.Standaarden.Validatie;

/// <summary>What a domain rule checks: its stable code, severity and a one-line description in Dutch and English.</summary>
/// <param name="Code">The stable code, for example <c>VR-TIJD-001</c>. A code is never reused for another rule.</param>
/// <param name="Severity">The severity of its findings.</param>
/// <param name="Omschrijving">What the rule checks, in Dutch.</param>
/// <param name="Description">What the rule checks, in English.</param>
public sealed record RuleInfo(string Code, Severity Severity, string Omschrijving, string Description);
