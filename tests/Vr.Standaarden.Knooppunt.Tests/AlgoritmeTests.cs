using System.Text.Json.Nodes;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Tests.Http;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>
/// Content a model made, on the picture: an unreviewed learned model's value never overrides a person's, at most it
/// contradicts it, marked as such; once a person confirmed it, it counts like any other. The portal marks it and shows
/// the review, in Chromium.
/// </summary>
public sealed class AlgoritmeTests : IDisposable
{
    private const string Gms = "urn:nld:oin:00000004000000042000:systeem:GMS";
    private const string Model = "urn:nld:oin:00000004000000042000:systeem:grip-advies";
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-algoritme-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private static JsonObject Incident(string source, int number, int minute, string grip, string? review = null)
    {
        var message = TestIncidents.Message(source, number, new DateTimeOffset(2026, 11, 20, 21, minute, 0, TimeSpan.FromHours(1)), data =>
        {
            data["grip"]!["niveau"] = grip;
            data["grip"]!["historie"]![0]!["niveau"] = grip;
            if (source == Model)
            {
                var origin = new JsonObject
                {
                    ["soort"] = "ai",
                    ["model"] = new JsonObject { ["naam"] = "GRIP-advies", ["versie"] = "0.9" },
                    ["zekerheid"] = 0.64,
                };
                if (review is not null)
                {
                    origin["beoordeeld"] = new JsonObject { ["oin"] = "00000001823288444000", ["rol"] = "Informatiemanager ROT", ["tijdstip"] = "2026-11-20T21:25:00+01:00", ["uitkomst"] = review };
                }

                data["veldTotstandkoming"] = new JsonObject { ["/grip/niveau"] = origin };
            }
        });
        return message;
    }

    [Fact]
    public void An_unreviewed_model_never_overrides_a_person_and_its_contradiction_says_so_a_confirmed_one_counts()
    {
        var picture = new Situatiebeeld();
        picture.Apply(Incident(Gms, 1, 0, "GRIP1"));
        picture.Apply(Incident(Model, 1, 10, "GRIP3"));
        var state = picture.Incident("INC-15-2026-0042")!;
        Assert.Equal("GRIP1", (string?)state.Fields["grip"].Value);
        var contradiction = Assert.Single(state.Contradictions);
        Assert.Contains("learned model's that no person reviewed", contradiction.Reason, StringComparison.Ordinal);
        var predicted = Assert.Single(contradiction.Values, v => v.Herkomst.Source == Model);
        Assert.Equal(new FieldOrigin("ai", "GRIP-advies", "0.9", null), predicted.Origin);
        Assert.True(predicted.Origin!.IsUnreviewedModel);

        // Rejected by a person: it still does not count. Confirmed: the newest value counts, as any source's would.
        picture.Apply(Incident(Model, 2, 20, "GRIP3", review: "verworpen"));
        Assert.Equal("GRIP1", (string?)picture.Incident("INC-15-2026-0042")!.Fields["grip"].Value);
        picture.Apply(Incident(Model, 3, 30, "GRIP3", review: "bevestigd"));
        Assert.Equal("GRIP3", (string?)picture.Incident("INC-15-2026-0042")!.Fields["grip"].Value);
    }

    [Fact]
    public async Task The_portal_marks_the_models_value_and_shows_it_was_not_reviewed()
    {
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "berichten.db"));
        ingest.Ingest(Incident(Gms, 1, 0, "GRIP1"));
        ingest.Ingest(Incident(Model, 1, 10, "GRIP3"));
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off }));
        await using var server = await Kestrel.StartAsync(app =>
        {
            app.UseKnooppuntProtection();
            app.MapKnooppunt(ingest, receiver, new KnooppuntEndpointOptions { Name = "VR15", SignaturesVerified = false });
        });
        using var browser = PortalTests.Chromium();
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(20));
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
        browser.Navigate().GoToUrl(server.Address);
        wait.Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-geladen") is not null);
        Assert.Contains("⚙ Algoritme: grip", browser.FindElement(By.CssSelector("#lijst tr[data-id='INC-15-2026-0042']")).Text, StringComparison.Ordinal);

        browser.FindElement(By.CssSelector("#lijst tr[data-id='INC-15-2026-0042'] button")).Click();
        var conflict = wait.Until(d => d.FindElements(By.CssSelector("#details .conflict")).FirstOrDefault()?.Text);
        Assert.Contains("GRIP3", conflict, StringComparison.Ordinal);
        Assert.Contains("AI door GRIP-advies 0.9 — niet beoordeeld", conflict, StringComparison.Ordinal);
        Assert.DoesNotContain("⚙", browser.FindElement(By.CssSelector("#details dd[data-veld='grip']")).Text, StringComparison.Ordinal);
    }
}
