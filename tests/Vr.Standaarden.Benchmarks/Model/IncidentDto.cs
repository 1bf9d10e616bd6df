using System.Text.Json.Serialization;

namespace Vr.Standaarden.Benchmarks.Model;

// Hand-written mirror of the incident message for System.Text.Json's own source generator: the floor the generated
// reader is measured against. It reads the same members and checks nothing.
public sealed class IncidentDto
{
    public string Id { get; set; } = "";
    public List<string>? MeldingIds { get; set; }
    public string? Veiligheidsregio { get; set; }
    public string? Classificatie { get; set; }
    public List<string> Disciplines { get; set; } = [];
    public GripDto? Grip { get; set; }
    public string Fase { get; set; } = "";
    public LocatieDto Locatie { get; set; } = new();
    public TijdstippenDto Tijdstippen { get; set; } = new();
    public List<EenheidInzetDto>? Eenheden { get; set; }
}

public sealed class GripDto
{
    public string Niveau { get; set; } = "";
    public List<GripHistorieDto> Historie { get; set; } = [];
}

public sealed class GripHistorieDto
{
    public string Niveau { get; set; } = "";
    public DateTimeOffset Tijdstip { get; set; }
    public string? AfgekondigdDoor { get; set; }
    public string? Toelichting { get; set; }
}

public sealed class LocatieDto
{
    public string? Omschrijving { get; set; }
    public GeometrieDto? Geometrie { get; set; }
    public string? Crs { get; set; }
    public BagDto? Bag { get; set; }
    public AdresDto? Adres { get; set; }
    public string? Veiligheidsregio { get; set; }
}

public sealed class GeometrieDto
{
    public string Type { get; set; } = "";
    public double[] Coordinates { get; set; } = [];
}

public sealed class BagDto
{
    public string? NummeraanduidingId { get; set; }
    public List<string>? PandIds { get; set; }
}

public sealed class AdresDto
{
    public string? OpenbareRuimte { get; set; }
    public int? Huisnummer { get; set; }
    public string? Huisletter { get; set; }
    public string? Postcode { get; set; }
    public string? Woonplaats { get; set; }
    public string? Gemeente { get; set; }
}

public sealed class TijdstippenDto
{
    public DateTimeOffset Melding { get; set; }
    public DateTimeOffset? Alarmering { get; set; }
    public DateTimeOffset? TerPlaatse { get; set; }
    public DateTimeOffset? Einde { get; set; }
}

public sealed class EenheidInzetDto
{
    public string EenheidId { get; set; } = "";
    public DateTimeOffset? Gealarmeerd { get; set; }
    public DateTimeOffset? TerPlaatse { get; set; }
    public DateTimeOffset? Vrijgegeven { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IncidentDto))]
public sealed partial class IncidentJsonContext : JsonSerializerContext;
