namespace Vr.Standaarden.Koppelvlakken;

/// <summary>What a generated contract says about the parties behind it (<see cref="InterfaceContracts"/>).</summary>
public sealed class ContractOptions
{
    /// <summary>
    /// The interface's version (semver), as <c>info.version</c> and in the <c>API-Version</c> header the contract
    /// declares; <c>1.0.0</c> by default. Its major version is the one in the URI (<see cref="KnooppuntRoutes.Base"/>).
    /// </summary>
    public string ApiVersion { get; set; } = "1.0.0";

    /// <summary>The knooppunt's base URL, ending in the major version; <c>https://knooppunt.example.nl/v1</c> by default.</summary>
    public Uri KnooppuntUrl { get; set; } = new("https://knooppunt.example.nl/v1");

    /// <summary>A bronhouder's base URL, ending in the major version; <c>https://bron.example.nl/v1</c> by default.</summary>
    public Uri BronhouderUrl { get; set; } = new("https://bron.example.nl/v1");

    /// <summary>The NATS server (host and port) of the JetStream binding; <c>nats.example.nl:4222</c> by default.</summary>
    public string NatsServer { get; set; } = "nats.example.nl:4222";

    /// <summary>Who answers questions about the interface: <c>info.contact.name</c>.</summary>
    public string ContactName { get; set; } = "Vr.Standaarden";

    /// <summary><c>info.contact.url</c>.</summary>
    public Uri ContactUrl { get; set; } = new("https://vr-standaarden.github.io");

    /// <summary><c>info.contact.email</c>.</summary>
    public string ContactEmail { get; set; } = "standaarden@vr-standaarden.nl";
}
