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

    /// <summary>
    /// Whether messages of the release the generated models come from (<see cref="Model.Messages.Release"/>) are checked
    /// against the schema by the generated readers first: the fast path, several times faster than the schema engine.
    /// Only a message they find invalid is evaluated by the engine as well, and the engine's findings are reported, so the
    /// findings are the same either way; messages of other releases always go to the engine. Default: <c>false</c>.
    /// </summary>
    public bool GeneratedReaders { get; set; }
}
