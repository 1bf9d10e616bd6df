using System.Text.Json.Nodes;

namespace Vr.Standaarden.Knooppunt;

/// <summary>
/// A terugmelding as the bronhouder holds it: the report itself (an entity <c>terugmelding</c> of the standard) and the
/// state of its handling, from the code list <c>terugmeldingstatus</c>: <c>INGEDIEND</c> (received) →
/// <c>IN_ONDERZOEK</c> (being handled) → <c>GEWIJZIGD</c> (the data was corrected, by the message <see cref="Antwoord"/>)
/// or <c>ONGEWIJZIGD</c> (rejected: the data stands); <c>INGETROKKEN</c> when the reporter withdraws it.
/// </summary>
/// <param name="Id">The terugmelding's <c>id</c>.</param>
/// <param name="Status">The state of its handling.</param>
/// <param name="Bijgewerkt">When the state last changed.</param>
/// <param name="Antwoord">The id of the message that corrected the data (its <c>causationid</c> is the terugmelding), or <c>null</c>.</param>
/// <param name="Inhoud">The terugmelding as received.</param>
public sealed record Terugmeldingsstand(string Id, string Status, DateTimeOffset Bijgewerkt, string? Antwoord, JsonObject Inhoud)
{
    /// <summary>Received, not yet looked at.</summary>
    public const string Ingediend = "INGEDIEND";

    /// <summary>Being handled by the bronhouder.</summary>
    public const string InOnderzoek = "IN_ONDERZOEK";

    /// <summary>Handled: the data was corrected.</summary>
    public const string Gewijzigd = "GEWIJZIGD";

    /// <summary>Handled: the data stands, the report is rejected.</summary>
    public const string Ongewijzigd = "ONGEWIJZIGD";

    /// <summary>Withdrawn by the reporter.</summary>
    public const string Ingetrokken = "INGETROKKEN";

    /// <summary>Whether the handling is over.</summary>
    public bool IsClosed => Status is Gewijzigd or Ongewijzigd or Ingetrokken;

    /// <summary>Whether the handling may go from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool MayMove(string from, string to) => (from, to) switch
    {
        (Ingediend, InOnderzoek or Ongewijzigd or Ingetrokken) => true,
        (InOnderzoek, Gewijzigd or Ongewijzigd or Ingetrokken) => true,
        _ => false,
    };

    /// <summary>The state as the bronhouder interface answers it (<c>Terugmeldingsstand</c> of the contract).</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["status"] = Status,
        ["bijgewerkt"] = Timestamps.Text(Bijgewerkt),
        ["antwoord"] = Antwoord,
    };
}
