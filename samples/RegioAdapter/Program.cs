using System.Text;
using System.Text.Json;
using Vr.Standaarden.Model;
using Vr.Standaarden.Schema.Compiled;
using VrHaaglanden.Adapter;

// 1. A standard repressief object with the region's pluslaag, read as the region's profile: typed and validated.
// Usage: RegioAdapter [object.json] [--naar <http(s) url of a node's /v1/berichten>]
var to = Array.IndexOf(args, "--naar") is var at and >= 0 && at + 1 < args.Length && Uri.TryCreate(args[at + 1], UriKind.Absolute, out var url) ? url : null;
if (Array.IndexOf(args, "--naar") >= 0 && to is null)
{
    Console.Error.WriteLine("--naar takes the http(s) URL of a node's /v1/berichten.");
    return 2;
}

var rest = args.Where((a, i) => a != "--naar" && (i == 0 || args[i - 1] != "--naar")).ToArray();
var path = rest.Length > 0 ? rest[0] : Path.Combine(AppContext.BaseDirectory, "voorbeeld.json");
var errors = new List<SchemaViolation>();
var obj = RepressiefObjectMetBereikbaarheid.Read(File.ReadAllBytes(path), errors);
if (obj is null || errors.Count > 0)
{
    Console.Error.WriteLine($"{path}: {string.Join("; ", errors)}");
    return 1;
}

var bereikbaarheid = obj.Uitbreidingen.NlVrhaaglandenBereikbaarheid;
Console.WriteLine($"{path}: valid; {bereikbaarheid.Opstelplaatsen.Count} set-up positions, clearance {bereikbaarheid.Doorrijhoogte} m");

// 2. The adapter fills in the extension from its own system and writes the object again.
bereikbaarheid.Opstelplaatsen.Add(new BereikbaarheidOpstelplaatsenItem { Omschrijving = "Parkeerterrein zuidzijde", Voor = "AB" });
bereikbaarheid.Bijgewerkt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));
var written = obj.ToUtf8Json();

// 3. Sent as a standard message: the envelope comes from Vr.Standaarden.Model, and partners who do not know the
//    extension still read a valid repressief object.
var message = new Bericht
{
    Id = "7c9e6679-7425-40de-944b-e07fc1f90ae7",
    Source = "urn:nld:oin:00000099000000012000:systeem:objectinformatie",
    Specversion = "1.0",
    Type = "nl.veiligheidsregio.object.v1",
    Time = bereikbaarheid.Bijgewerkt,
    Datacontenttype = "application/json",
    Dataschema = "https://vr-standaarden.github.io/spec/1.0/schemas/object.schema.json",
    Tlp = TrafficLightProtocol.TlpGreen,
    Doelbinding = "risicobeheersing",
    Bewaartermijn = "P1Y",
    Data = JsonDocument.Parse(written).RootElement,
};
var bytes = Messages.Write(message);
var violations = Messages.Validate(bytes);
Console.WriteLine($"message: {bytes.Length} bytes, {(violations.Count == 0 ? "valid" : string.Join("; ", violations))} against the standard");

var standard = Messages.ReadData<RepressiefObject>(Messages.Read(bytes, out _)!, out var dataErrors);
Console.WriteLine($"as the standard reads it: {standard?.Aanduiding}, {(dataErrors.Count == 0 ? "valid" : string.Join("; ", dataErrors))}");
Console.WriteLine(Encoding.UTF8.GetString(written));
if (violations.Count > 0 || dataErrors.Count > 0)
{
    return 1;
}

// 4. Sent to a node (such as the sample knooppunt) in the CloudEvents HTTP binding's structured mode.
if (to is not null)
{
    using var client = new HttpClient();
    using var content = new ByteArrayContent(bytes);
    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/cloudevents+json");
    using var response = await client.PostAsync(to, content);
    Console.WriteLine($"sent to {to}: {(int)response.StatusCode} {response.ReasonPhrase}");
    if (!response.IsSuccessStatusCode)
    {
        Console.Error.WriteLine(await response.Content.ReadAsStringAsync());
        return 1;
    }
}

return 0;
