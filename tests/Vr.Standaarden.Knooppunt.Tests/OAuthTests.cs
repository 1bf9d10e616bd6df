using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Transport.Tests.Http;
using Xunit.Abstractions;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>
/// The sample node accepting OAuth 2.0 bearer tokens of an issuer the test runs (its discovery document and key set on
/// 127.0.0.1): a valid token gets in as the OIN it names; a wrong audience, an expired token, <c>alg: none</c> and a
/// token signed with HMAC over the issuer's public key do not.
/// </summary>
public sealed class OAuthTests(ITestOutputHelper output) : IDisposable
{
    private const string Audience = "knooppunt-vr15";
    private const string Gms15 = "00000099150000000010";
    private const string Lcms15 = "00000099150000000020";
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-oauth-").FullName;
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        _key.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }

    private string Token(string issuer, string oin, string audience = Audience, DateTime? expires = null)
    {
        var until = expires ?? DateTime.UtcNow.AddMinutes(5);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = until.AddMinutes(-10),
            NotBefore = until.AddMinutes(-10),
            Expires = until,
            Claims = new Dictionary<string, object> { ["oin"] = oin, ["client_id"] = oin },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(_key) { KeyId = "k1" }, SecurityAlgorithms.EcdsaSha256),
        });
    }

    private static string Unsigned(string issuer, string oin)
    {
        static string Part(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Part("""{"alg":"none","typ":"JWT"}""") + "." + Part($$"""{"iss":"{{issuer}}","aud":"{{Audience}}","oin":"{{oin}}","iat":{{now}},"nbf":{{now}},"exp":{{now + 300}}}""") + ".";
    }

    /// <summary>The classic confusion: HS256 with the issuer's public key (as published) used as the HMAC secret.</summary>
    private string HmacWithPublicKey(string issuer, string oin)
    {
        static string Part(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signed = Part("""{"alg":"HS256","typ":"JWT","kid":"k1"}""") + "." + Part($$"""{"iss":"{{issuer}}","aud":"{{Audience}}","oin":"{{oin}}","iat":{{now}},"nbf":{{now}},"exp":{{now + 300}}}""");
        var secret = Encoding.UTF8.GetBytes(_key.ExportSubjectPublicKeyInfoPem());
        return signed + "." + Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signed)));
    }

    [Fact]
    public async Task Only_a_valid_token_of_the_issuer_for_this_node_gets_in_as_the_oin_it_names()
    {
        var parameters = _key.ExportParameters(false);
        await using var provider = await Kestrel.StartAsync(app =>
        {
            app.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
            {
                var issuer = $"{context.Request.Scheme}://{context.Request.Host}";
                return Results.Json(new JsonObject
                {
                    ["issuer"] = issuer,
                    ["jwks_uri"] = issuer + "/jwks",
                    ["token_endpoint"] = issuer + "/token",
                    ["grant_types_supported"] = new JsonArray("client_credentials"),
                    ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
                    ["id_token_signing_alg_values_supported"] = new JsonArray("ES256"),
                });
            });
            app.MapGet("/jwks", () => Results.Json(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = "k1", ["use"] = "sig", ["alg"] = "ES256",
                    ["x"] = Base64Url.EncodeToString(parameters.Q.X), ["y"] = Base64Url.EncodeToString(parameters.Q.Y),
                }),
            }));
        });
        var issuer = provider.Address.GetLeftPart(UriPartial.Authority);
        var address = new Uri($"http://127.0.0.1:{NatsServer.FreePort()}");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var node = await SampleNode.StartAsync(address, client, "--no-samples", "--data", Path.Combine(_folder, "data"), "--oauth", issuer, "--audience", Audience);
        try
        {
            async Task<HttpStatusCode> Read(string? token)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "/v1/situatiebeeld"));
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var response = await client.SendAsync(request);
                return response.StatusCode;
            }

            Assert.Equal(HttpStatusCode.OK, await Read(Token(issuer, Lcms15)));
            var attacks = new (string Name, string? Token, HttpStatusCode Expected)[]
            {
                ("no token", null, HttpStatusCode.Unauthorized),
                ("a token for another audience", Token(issuer, Lcms15, audience: "een-ander-knooppunt"), HttpStatusCode.Unauthorized),
                ("an expired token", Token(issuer, Lcms15, expires: DateTime.UtcNow.AddMinutes(-5)), HttpStatusCode.Unauthorized),
                ("alg: none", Unsigned(issuer, Lcms15), HttpStatusCode.Unauthorized),
                ("HS256 signed with the issuer's public key", HmacWithPublicKey(issuer, Lcms15), HttpStatusCode.Unauthorized),
                ("a valid token of an OIN not in the register", Token(issuer, "00000001234567890000"), HttpStatusCode.Forbidden),
            };
            foreach (var (name, token, expected) in attacks)
            {
                var status = await Read(token);
                output.WriteLine($"{name}: {(int)status}");
                Assert.True(status == expected, $"{name}: {status}");
            }

            // A message is taken from its own source only.
            var message = JsonNode.Parse(Standard.Newest.Find("voorbeelden/geldig/bericht-incident-envelop.json")!.Utf8.Span)!.AsObject();
            message["source"] = "urn:nld:oin:00000099010000000010:systeem:GMS";
            using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/v1/berichten")) { Content = new StringContent(message.ToJsonString(), Encoding.UTF8, "application/cloudevents+json") };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(issuer, Gms15));
            using var refused = await client.SendAsync(post);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("VR-TOEGANG-003", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["code"]);
        }
        finally
        {
            node.Kill(true);
            await node.WaitForExitAsync();
        }
    }
}
