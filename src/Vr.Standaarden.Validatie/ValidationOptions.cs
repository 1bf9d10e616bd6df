using Vr.Standaarden.Begrippen.Geometrie;
using Vr.Standaarden.Schema.Input;

namespace Vr.Standaarden.Validatie;

/// <summary>Settings of <see cref="MessageValidator"/>.</summary>
public sealed class ValidationOptions
{
    /// <summary>
    /// The Netherlands as the location rules see it. Default: <see cref="AreaLevel.Lenient"/>, which admits the Dutch part
    /// of the North Sea (a position there is a warning, <c>VR-LOC-002</c>) and reads a position abroad in degrees that no
    /// mix-up explains as a location abroad (a warning, <c>VR-LOC-003</c>); swapped axes, degrees for RD and back, a
    /// position not on Earth and RD outside the Netherlands stay errors (<c>VR-LOC-001</c>). With
    /// <see cref="AreaLevel.Strict"/> every position outside the land and coastal waters is an error.
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
