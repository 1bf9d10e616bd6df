namespace Vr.Standaarden.Koppelvlakken;

/// <summary>
/// The routes of the knooppunt interface, as the generated contract (<see cref="InterfaceContracts.Knooppunt"/>) and the
/// node (<c>MapKnooppunt</c>) both use them: the API under its major version (<c>/v1</c>), the portal at <c>/</c>.
/// </summary>
public static class KnooppuntRoutes
{
    /// <summary>The major version of the interface in the URI: <c>/v1</c>.</summary>
    public const string Base = "/v1";

    /// <summary><c>POST</c>: messages in (the CloudEvents HTTP binding); <c>OPTIONS</c>: the webhook handshake.</summary>
    public const string Berichten = Base + "/berichten";

    /// <summary><c>GET</c>: the situation picture now or at <c>?tijdstip=</c>.</summary>
    public const string Situatiebeeld = Base + "/situatiebeeld";

    /// <summary><c>GET</c>: the situation picture as a GeoJSON FeatureCollection.</summary>
    public const string SituatiebeeldGeoJson = Base + "/situatiebeeld/geojson";

    /// <summary><c>GET</c>: server-sent events, one <c>wijziging</c> per change of the picture.</summary>
    public const string SituatiebeeldStroom = Base + "/situatiebeeld/stroom";

    /// <summary><c>GET</c>: one incident with provenance per field and its contradictions.</summary>
    public const string Incident = Base + "/incidenten/{id}";

    /// <summary><c>GET</c>: the node's health.</summary>
    public const string Gezondheid = Base + "/gezondheid";

    /// <summary><c>GET</c>: every source of the picture with its actuality, counts and completeness.</summary>
    public const string Bronnen = Base + "/bronnen";

    /// <summary><c>GET</c>: the processing log (for the privacy officer).</summary>
    public const string Verwerkingen = Base + "/verwerkingen";

    /// <summary><c>GET</c>: who the caller is to the node.</summary>
    public const string Sessie = Base + "/sessie";

    /// <summary><c>GET</c>: the active grants concerning the caller; <c>POST</c>: a chair's grant.</summary>
    public const string Doorbraken = Base + "/doorbraken";

    /// <summary><c>GET</c>: one grant and every read under it.</summary>
    public const string Doorbraak = Base + "/doorbraken/{id}";

    /// <summary><c>GET</c>: the node's own OpenAPI document.</summary>
    public const string OpenApi = Base + "/openapi.json";

    /// <summary>
    /// The routes of the unversioned API that came before <c>/v1</c>, each with its new place. The node answers them
    /// <c>308 Permanent Redirect</c> (method and body kept) until the next major release.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Moved { get; } =
    [
        new("/berichten", Berichten),
        new("/situatiebeeld", Situatiebeeld),
        new("/situatiebeeld.geojson", SituatiebeeldGeoJson),
        new("/situatiebeeld/stroom", SituatiebeeldStroom),
        new("/incidenten/{id}", Incident),
        new("/gezondheid", Gezondheid),
        new("/verwerkingen", Verwerkingen),
        new("/sessie", Sessie),
        new("/doorbraken", Doorbraken),
        new("/doorbraken/{id}", Doorbraak),
        new("/openapi.json", OpenApi),
    ];
}
