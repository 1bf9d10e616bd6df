using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Vr.Standaarden.Model;
using Vr.Standaarden.Schema.Compiled;

namespace Vr.Standaarden.Benchmarks.Model;

[MemoryDiagnoser]
public class ProbeBenchmarks
{
    private readonly List<SchemaViolation> _violations = [];
    private readonly byte[] _geo = Encoding.UTF8.GetBytes("""{"type":"Point","coordinates":[81390.2,455480.7]}""");
    private readonly byte[] _locatie = Encoding.UTF8.GetBytes("""{"omschrijving":"Binnenhof, Den Haag","geometrie":{"type":"Point","coordinates":[81390.2,455480.7]},"crs":"EPSG:28992","bag":{"nummeraanduidingId":"0518200000538521","pandIds":["0518100000212345"]},"adres":{"openbareRuimte":"Binnenhof","huisnummer":1,"huisletter":"A","postcode":"2513AA","woonplaats":"'s-Gravenhage","gemeente":"GM0518"},"veiligheidsregio":"VR15"}""");

    [Benchmark(Baseline = true)]
    public JsonElement Parse()
    {
        var r = new Utf8JsonReader(_geo);
        r.Read();
        return JsonElement.ParseValue(ref r);
    }

    [Benchmark]
    public int ParseCheck()
    {
        var r = new Utf8JsonReader(_geo);
        r.Read();
        var e = JsonElement.ParseValue(ref r);
        _violations.Clear();
        GemeenschappelijkeTypenSchema.Geometrie(e, "/locatie/geometrie", _violations);
        return _violations.Count;
    }

    [Benchmark]
    public object? ParseCheckBuild()
    {
        var r = new Utf8JsonReader(_geo);
        r.Read();
        var e = JsonElement.ParseValue(ref r);
        _violations.Clear();
        GemeenschappelijkeTypenSchema.Geometrie(e, "/locatie/geometrie", _violations);
        return GemeenschappelijkeTypenSchema.ToGeometry(e);
    }

    [Benchmark]
    public object? Locatie()
    {
        _violations.Clear();
        return Vr.Standaarden.Model.Locatie.Read(_locatie, _violations);
    }
}
