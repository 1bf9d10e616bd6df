using Microsoft.Extensions.DependencyInjection;
using Vr.Standaarden.Begrippen.Geometrie;
using Vr.Standaarden.Schema;

namespace Vr.Standaarden.Validatie.Tests;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void AddVrStandaarden_registers_validator_options_and_registry()
    {
        using var provider = new ServiceCollection()
            .AddVrStandaarden(o => o.Area = AreaLevel.Strict)
            .BuildServiceProvider();

        Assert.Equal(AreaLevel.Strict, provider.GetRequiredService<ValidationOptions>().Area);
        var validator = provider.GetRequiredService<MessageValidator>();
        Assert.Same(validator, provider.GetRequiredService<MessageValidator>());

        // The configured options reach the validator: at sea is now an error, not a warning.
        var atSea = Messages.Incident();
        atSea["data"]!["locatie"] = new System.Text.Json.Nodes.JsonObject
        {
            ["geometrie"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "Point", ["coordinates"] = new System.Text.Json.Nodes.JsonArray(4.5, 54.5) },
            ["crs"] = "OGC:CRS84",
        };
        Assert.Contains(validator.Validate(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(atSea)).Errors, f => f.Code == "VR-LOC-001");

        var registry = provider.GetRequiredService<SchemaRegistry>();
        Assert.True(registry.Contains(StandardSchemas.Id("1.0", "incident")));
        Assert.True(registry.Contains(StandardSchemas.Id("1.1", "incident")));
        Assert.True(registry.Contains(new Uri("https://vr-standaarden.github.io/spec/1.0/codelijsten/grip-niveau.json")));
        Assert.True(registry.Contains(new Uri("https://vr-standaarden.github.io/spec/1.1/meta/codelijst.schema.json")));
    }

    [Fact]
    public void Existing_registrations_are_kept()
    {
        var mine = new ValidationOptions { ReportUnverifiedCodes = false };
        using var provider = new ServiceCollection().AddSingleton(mine).AddVrStandaarden(o => o.ReportUnverifiedCodes = true).BuildServiceProvider();
        Assert.Same(mine, provider.GetRequiredService<ValidationOptions>());
    }
}
