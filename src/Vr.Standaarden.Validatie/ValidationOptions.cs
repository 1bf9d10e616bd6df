using Vr.Standaarden.Begrippen.Geometrie;
using Vr.Standaarden.Schema.Input;

namespace Vr.Standaarden.Validatie;

/// <summary>Settings of <see cref="MessageValidator"/>.</summary>
public sealed class ValidationOptions
{
    /// <summary>
    /// Positions outside this area are errors (<c>VR-LOC-001</c>); positions inside it but outside the land are
    /// warnings (<c>VR-LOC-002</c>). Default: <see cref="AreaLevel.Lenient"/>, which admits the Dutch part of the North Sea.
    /// </summary>
    public AreaLevel Area { get; set; } = AreaLevel.Lenient;

    /// <summary>
    /// How large and how deeply nested a message may be; a larger one is refused unread (<see cref="DomainRules.LimitCode"/>).
    /// Default: <see cref="InputLimits.Default"/> (16 MiB, 64 levels).
    /// </summary>
    public InputLimits Limits { get; set; } = InputLimits.Default;

    /// <summary>Whether to report codes taken from an unverified source (<c>VR-CODE-003</c>, information). Default: <c>true</c>.</summary>
    public bool ReportUnverifiedCodes { get; set; } = true;
}
