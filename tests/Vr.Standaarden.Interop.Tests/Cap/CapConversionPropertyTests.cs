using System.Globalization;
using System.Text;
using System.Text.Json;
using Vr.Standaarden.Interop.Cap;
using Vr.Standaarden.Validatie;
using Xunit.Abstractions;

namespace Vr.Standaarden.Interop.Tests.Cap;

/// <summary>Whatever the converter produces, its own validator accepts: over alerts of every date, scope and place.</summary>
public sealed class CapConversionPropertyTests(ITestOutputHelper output)
{
    private static readonly MessageValidator Validator = new();

    /// <summary>Places an alert may be about: in the Netherlands, across the border, and far away.</summary>
    private static readonly (string Name, double Lat, double Lon)[] Places =
    [
        ("Utrecht", 52.09, 5.12), ("Den Helder", 52.96, 4.76), ("Maastricht", 50.85, 5.69), ("Dortmund", 51.51, 7.47),
        ("Lille", 50.63, 3.06), ("Antwerpen", 51.22, 4.40), ("Doel", 51.32, 4.26), ("Ottawa", 45.42, -75.70),
        ("Sendai", 38.27, 140.87), ("Wellington", -41.29, 174.78), ("Reykjavik", 64.15, -21.94), ("Lima", -12.05, -77.04),
    ];

    private static string Alert(Random random, int n)
    {
        // Any day from 2003 (CAP 1.0's year) to the end of 2026, in a time zone of its own.
        var day = new DateTime(2003, 1, 1).AddDays(random.Next(0, 8800)).AddMinutes(random.Next(0, 1440));
        var offset = TimeSpan.FromHours(random.Next(-11, 13));
        var sent = new DateTimeOffset(day, offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var scope = random.Next(3) switch { 0 => "Public", 1 => "Restricted", _ => "Private" };
        var place = Places[random.Next(Places.Length)];
        var r = 0.05 + (random.NextDouble() * 0.3);
        var ring = string.Join(' ', Enumerable.Range(0, 7).Select(i => i == 6 ? 0 : i).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{place.Lat + (r * Math.Sin(i * Math.PI / 3)):0.####},{place.Lon + (r * Math.Cos(i * Math.PI / 3)):0.####}")));
        var geometry = random.Next(2) == 0
            ? $"<polygon>{ring}</polygon>"
            : string.Create(CultureInfo.InvariantCulture, $"<circle>{place.Lat},{place.Lon} {random.Next(1, 50)}</circle>");
        var extra = scope switch
        {
            "Restricted" => "<restriction>Alleen voor hulpdiensten</restriction>",
            "Private" => "<addresses>urn:nld:oin:00000004000000042000</addresses>",
            _ => "",
        };
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>proef-{n}</identifier>
              <sender>alerts@example.org</sender>
              <sent>{sent}</sent>
              <status>Actual</status>
              <msgType>Alert</msgType>
              <scope>{scope}</scope>
              {extra}
              <info>
                <category>{(random.Next(2) == 0 ? "Met" : "Geo")}</category>
                <event>Proef {n}</event>
                <urgency>{(random.Next(2) == 0 ? "Immediate" : "Expected")}</urgency>
                <severity>{(random.Next(2) == 0 ? "Severe" : "Moderate")}</severity>
                <certainty>Likely</certainty>
                <headline>Waarschuwing {n} voor {place.Name}</headline>
                <area>
                  <areaDesc>{place.Name}</areaDesc>
                  {geometry}
                </area>
              </info>
            </alert>
            """;
    }

    [Fact]
    public void Every_successful_conversion_validates()
    {
        var random = new Random(20261206);
        var (converted, failed) = (0, 0);
        var tlp = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 0; n < 400; n++)
        {
            var xml = Alert(random, n);
            IReadOnlyList<System.Text.Json.Nodes.JsonObject> messages;
            try
            {
                messages = CapMapping.ToMessages(CapReader.Read(Encoding.UTF8.GetBytes(xml)), new CapMappingOptions { Source = "urn:nld:oin:00000004000000042000:systeem:cap-gateway" });
            }
            catch (CapMappingException e)
            {
                failed++;
                output.WriteLine($"not converted: {e.Message}");
                continue;
            }

            foreach (var message in messages)
            {
                var result = Validator.Validate(Encoding.UTF8.GetBytes(message.ToJsonString()));
                Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => e.ToString())) + "\n" + xml + "\n" + message.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                var label = (string)message["tlp"]!;
                tlp[label] = tlp.GetValueOrDefault(label) + 1;
            }

            converted++;
        }

        output.WriteLine($"{converted} converted, {failed} not; labels: {string.Join(", ", tlp.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key} {t.Value}"))}");
        Assert.Equal(400, converted);

        // Public alerts before TLP 2.0 are TLP:WHITE, after it TLP:CLEAR: both occur in the sample.
        Assert.True(tlp.GetValueOrDefault("TLP:WHITE") > 0 && tlp.GetValueOrDefault("TLP:CLEAR") > 0);
    }
}
