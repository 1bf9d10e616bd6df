using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Vr.Standaarden.Knooppunt;
using Vr.Standaarden.Samples.Knooppunt;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Http;
using Vr.Standaarden.Transport.Nats;
using Vr.Standaarden.Uitwisseling;

// A knooppunt on the embedded default: the record and the inbox are SQLite files in --data, the API and the portal on
// --urls. The sample feeds send to it over HTTP like any partner would; with --nats it also reads its JetStream stream
// and (as a regional node) forwards what the national node may have.
var options = KnooppuntOptions.Parse(args, Console.Error);
if (options is null)
{
    return 2;
}

if (options.Help)
{
    Console.WriteLine(KnooppuntOptions.Usage);
    return 0;
}

Directory.CreateDirectory(options.Data);
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls(options.Urls.GetLeftPart(UriPartial.Authority));
var anchors = new X509Certificate2Collection();
if (options.Trust is not null)
{
    anchors.ImportFromPem(File.ReadAllText(options.Trust));
}

if (options.HttpsCert is not null)
{
    // HTTPS, and with --mtls a client certificate that chains to the anchors and is valid now, or no handshake at all.
    var certificate = X509Certificate2.CreateFromPemFile(options.HttpsCert, options.HttpsKey);
    builder.WebHost.UseKestrelHttpsConfiguration();
    builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
    {
        https.ServerCertificate = certificate;
        if (options.Mtls)
        {
            https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (client, chain, _) => KnooppuntAccess.ValidateClientCertificate(client, chain, anchors);
        }
    }));
}

builder.Logging.AddSimpleConsole(c => c.SingleLine = true);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Services.AddKnooppuntRateLimits();
// Sessions of people who signed out: a cookie copied before is refused afterwards.
var ended = new System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
const string SessionClaim = "knooppunt_sessie";
if (options.OAuth is not null || options.Oidc is not null)
{
    var authentication = builder.Services.AddAuthentication(scheme =>
    {
        scheme.DefaultScheme = "knooppunt";
        scheme.DefaultChallengeScheme = options.Oidc is not null ? OpenIdConnectDefaults.AuthenticationScheme : JwtBearerDefaults.AuthenticationScheme;
    });

    // A bearer token when the request carries one (systems), else the person's cookie.
    authentication.AddPolicyScheme("knooppunt", "systems by token, people by cookie", policy => policy.ForwardDefaultSelector = context =>
        options.Oidc is null || context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? JwtBearerDefaults.AuthenticationScheme
            : CookieAuthenticationDefaults.AuthenticationScheme);
    if (options.OAuth is { } issuer)
    {
        // Bearer tokens of the issuer: its signature (ES256, PS256 or RS256 only: no "none", no HMAC), issuer, audience
        // and lifetime checked; the token's oin claim is the caller.
        authentication.AddJwtBearer(jwt =>
        {
            jwt.Authority = issuer.ToString().TrimEnd('/');
            jwt.Audience = options.Audience;
            jwt.RequireHttpsMetadata = issuer.Scheme == "https";
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.ValidAlgorithms = ["ES256", "PS256", "RS256"];
            jwt.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
        });
    }
    else
    {
        authentication.AddJwtBearer(jwt => jwt.Events = new JwtBearerEvents { OnMessageReceived = context => { context.NoResult(); return Task.CompletedTask; } });
    }

    if (options.Oidc is { } provider)
    {
        // People: authorization code with PKCE at the provider, then a session cookie of the node (HttpOnly, SameSite
        // Lax, Secure over HTTPS, 8 hours). The person's oin claim names the organisation they act for.
        authentication.AddCookie(cookie =>
        {
            cookie.Cookie.Name = "knooppunt";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = false;
            cookie.Events.OnValidatePrincipal = context =>
            {
                if (context.Principal?.FindFirst(SessionClaim)?.Value is not { } session || ended.ContainsKey(session))
                {
                    context.RejectPrincipal();
                }

                return Task.CompletedTask;
            };
        });
        authentication.AddOpenIdConnect(oidc =>
        {
            oidc.Authority = provider.ToString().TrimEnd('/');
            oidc.ClientId = options.OidcClientId;
            oidc.ClientSecret = options.OidcClientSecret;
            oidc.ResponseType = "code";
            oidc.ResponseMode = "query";
            oidc.UsePkce = true;
            oidc.RequireHttpsMetadata = provider.Scheme == "https";
            oidc.MapInboundClaims = false;
            oidc.GetClaimsFromUserInfoEndpoint = true;
            oidc.SaveTokens = true; // the ID token is the hint when the person signs out at the provider too
            oidc.Scope.Clear();
            oidc.Scope.Add("openid");
            oidc.Scope.Add("vr");
            foreach (var claim in new[] { KnooppuntAccess.OinClaim, KnooppuntAccess.RoleClaim, "doelen", "persoonsgegevens", "rubricering" })
            {
                oidc.ClaimActions.MapUniqueJsonKey(claim, claim);
            }

            oidc.TokenValidationParameters.NameClaimType = "sub";
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.Events.OnTicketReceived = context =>
            {
                // Every sign-in is a session of its own, which signing out ends for good.
                (context.Principal!.Identity as System.Security.Claims.ClaimsIdentity)!.AddClaim(new System.Security.Claims.Claim(SessionClaim, Guid.NewGuid().ToString("N")));
                return Task.CompletedTask;
            };
        });
    }
}

builder.Services.AddKnooppunt(options.Data, picture =>
{
    // The meldkamer is the authority for alarm times, the crisis organisation (LCMS) for the GRIP level and phase.
    foreach (var n in Enumerable.Range(1, 25))
    {
        var region = string.Create(CultureInfo.InvariantCulture, $"urn:nld:oin:00000099{n:00}00000000");
        Authority(picture, "tijdstippen.melding", region + "10");
        Authority(picture, "tijdstippen.alarmering", region + "10");
        Authority(picture, "grip", region + "20");
        Authority(picture, "fase", region + "20");
        // Only a region's own crisis organisation resolves contradictions of its incidents.
        picture.Deciders[string.Create(CultureInfo.InvariantCulture, $"VR{n:00}")] = [region + "20"];
    }
});
await using var app = builder.Build();
var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("knooppunt");
var ingest = app.Services.GetRequiredService<KnooppuntIngest>();
foreach (var set in ingest.Log.Quarantine)
{
    log.LogWarning("Recorded message {Source} {Id} (position {Sequence}) is in quarantine: {Reason}", set.Source, set.Id, set.Sequence, set.Reason);
}

var register = RecipientRegister.Parse(File.ReadAllBytes(options.Register));
if (register.Find(options.KnooppuntOin) is null)
{
    Console.Error.WriteLine($"knooppunt: the node's OIN {options.KnooppuntOin} is not in the register {options.Register}.");
    return 2;
}

var receiverOptions = new ReceiverOptions
{
    Validation = ValidationMode.Full,
    Policy = new SharingPolicy(register, Sharing(null)),
    Recipient = options.KnooppuntOin,
    Inbox = ingest.Inbox, // the record is the inbox: a message is accepted and recorded in one step, a resent one is a duplicate
};
if (options.Trust is null)
{
    receiverOptions.Verification = VerificationMode.Off;
    log.LogWarning("No --trust given: signatures are not checked and unsigned messages are accepted. The portal says so too.");
}
else
{
    var verifier = new VerifierOptions();
    verifier.TrustAnchors.AddRange(anchors);
    receiverOptions.Verifier = new MessageVerifier(verifier);
}

KnooppuntAccess? access = null;
if (options.Secured)
{
    // Every caller is an afnemer of the register; the knooppunten of the sample register forward for others.
    access = new KnooppuntAccess(register, new SharingPolicy(register, Sharing(null)));
    foreach (var n in Enumerable.Range(1, 25))
    {
        access.Forwarders.Add(string.Create(CultureInfo.InvariantCulture, $"00000099{n:00}0000000001"));
    }

    access.Forwarders.Add(KnooppuntOptions.NationalOin);

    // The node's own organisation (the safety region): its chair may open data for a while, its privacy officer reads the
    // processing log; both are people signed in for it with their role.
    var organisation = register.Find(options.KnooppuntOin)!.OrganisationOin;
    if (register.Find(organisation) is not null)
    {
        access.Chairs.Add(organisation);
        access.PrivacyOfficers.Add(organisation);
    }
}
else
{
    log.LogWarning("No --mtls or --oauth given: the node has no access control and answers on {Address} only (open — alleen lokaal).", options.Urls.GetLeftPart(UriPartial.Authority));
}

var receiver = ingest.Attach(new MessageReceiver(receiverOptions));
if (options.OAuth is not null || options.Oidc is not null)
{
    app.UseAuthentication();
}

if (options.Oidc is not null)
{
    // The portal asks a person to sign in; /afmelden ends the session, and the cookie with it.
    app.Use(async (context, next) =>
    {
        if (context.Request.Path == "/" && context.User.Identity?.IsAuthenticated != true)
        {
            await context.ChallengeAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/" });
            return;
        }

        await next(context);
    });
    app.MapGet("/afmelden", async context =>
    {
        // At the provider too (RP-initiated logout, with the ID token as hint), which returns the person to /afgemeld.
        var signedIn = context.User.FindFirst(SessionClaim)?.Value;
        if (signedIn is not null)
        {
            await context.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/afgemeld" });
            ended[signedIn] = DateTimeOffset.UtcNow;
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (signedIn is null)
        {
            context.Response.Redirect("/afgemeld");
        }
    });
    app.MapGet("/afgemeld", context => context.Response.WriteAsync("Afgemeld."));
}

app.UseKnooppuntProtection();
// The node also answers as the bronhouder of what it holds: data fetched where it is, terugmeldingen received.
app.MapKnooppunt(ingest, receiver, new KnooppuntEndpointOptions { Name = options.Name, SignaturesVerified = options.Trust is not null, RegionOutlines = options.RegionOutlines, Region = options.National ? null : string.Create(CultureInfo.InvariantCulture, $"VR{options.Region:00}"), Access = access, Bronhouder = true });
await app.StartAsync();
var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
log.LogInformation("Node {Name} ({Oin}) on {Address}; record in {Data}", options.Name, options.KnooppuntOin, address, options.Data);

// Ctrl+C, SIGTERM (a service manager, docker stop) and SIGINT all stop the node through the host's lifetime.
using var stopping = CancellationTokenSource.CreateLinkedTokenSource(app.Lifetime.ApplicationStopping);
var background = new List<Task>();
NatsConnection? nats = null;
KnooppuntForwarder? forwarder = null;
if (options.Nats is { } natsUrl)
{
    nats = new NatsConnection(new NatsOpts { Url = natsUrl.ToString(), Name = "knooppunt-" + options.Name });
    var js = new NatsJSContext(nats);
    await NatsStreams.EnsureNodeAsync(js, options.Name);
    var source = new NatsMessageSource(js, new NatsSourceOptions { Node = options.Name, Consumer = "knooppunt", FilterSubject = options.Source });
    background.Add(receiver.RunAsync(source, stopping.Token));
    log.LogInformation("Reading stream {Stream} ({Subjects}) from {Nats}", NatsSubjects.Stream(options.Name), options.Source ?? NatsSubjects.Wildcard(options.Name), natsUrl);
    if (!options.National)
    {
        await NatsStreams.EnsureNodeAsync(js, "landelijk");
        forwarder = new KnooppuntForwarder(ingest, new NatsMessageSender(js, new NatsSenderOptions { Node = "landelijk" }), new ForwarderOptions
        {
            Name = "landelijk",
            Policy = new SharingPolicy(register, Sharing(null)),
            Recipient = KnooppuntOptions.NationalOin,
            ReportSource = $"urn:nld:oin:{options.KnooppuntOin}:systeem:knooppunt",
        });
        background.Add(forwarder.RunAsync(stopping.Token));
        log.LogInformation("Forwarding to the national node (subjects {Subjects}) what the register lets it have", NatsSubjects.Wildcard("landelijk"));
    }
}

if (options.Samples && !options.National && options.Secured)
{
    Console.WriteLine("The sample feeds are not sent: behind access control each source sends as itself.");
}
else if (options.Samples && !options.National)
{
    var sender = new HttpMessageSender(new HttpClient(), new Uri(address, Vr.Standaarden.Koppelvlakken.KnooppuntRoutes.Berichten), new HttpSenderOptions { Mode = HttpContentMode.Batch });
    foreach (var feed in Feeds.All(Path.Combine(AppContext.BaseDirectory, "data"), options.Region!.Value, DateTimeOffset.Now))
    {
        var outcomes = await sender.SendAsync(feed.Messages, stopping.Token);
        var refused = outcomes.Where(o => o.Status is DeliveryStatus.Refused or DeliveryStatus.Failed).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"feed {feed.Name,-11} {feed.Description}: {outcomes.Count(o => o.Status == DeliveryStatus.Accepted)} accepted, {outcomes.Count(o => o.Status == DeliveryStatus.Duplicate)} already there, {refused.Count} refused"));
        foreach (var outcome in refused)
        {
            Console.WriteLine($"  refused {outcome.Message.Id}: {outcome.Code} {outcome.Detail}");
        }
    }
}

if (forwarder is not null)
{
    var forwarded = await forwarder.ForwardAsync(stopping.Token);
    Console.WriteLine($"forwarded to the national node: {forwarded.Forwarded} sent, {forwarded.Withheld} withheld by the register, {forwarded.Pending} waiting");
}

Summary(ingest, options, address);
if (options.ExitAfterSamples)
{
    await stopping.CancelAsync();
}
else
{
    Console.WriteLine($"Portal: {address}   API: {address}v1/openapi.json   Stop with Ctrl+C.");
    try
    {
        await Task.Delay(Timeout.Infinite, stopping.Token);
    }
    catch (OperationCanceledException)
    {
        // Ctrl+C.
    }
}

await Task.WhenAll(background);
forwarder?.Dispose();
if (nats is not null)
{
    await nats.DisposeAsync();
}

await app.StopAsync();
return 0;

// The node's own extension (a besluit's resolutions) says what in it is personal data; any other extension is treated as
// personal data of every kind.
static SharingOptions Sharing(string? holder) => new()
{
    Holder = holder,
    Extensions = { [Situatiebeeld.ResolutionExtension] = Situatiebeeld.ResolutionExtensionSchema },
};

static void Authority(SituatiebeeldOptions picture, string field, string source)
{
    if (!picture.Authority.TryGetValue(field, out var list))
    {
        picture.Authority[field] = list = [];
    }

    list.Add(source);
}

static void Summary(KnooppuntIngest ingest, KnooppuntOptions options, Uri address)
{
    var (incidents, contradicted, open, resolved, sources, entities) = ingest.Read(p =>
    {
        var states = p.IncidentIds.Select(p.Incident).ToList();
        var kinds = new[] { "melding", "waarschuwing", "capaciteit", "besluit", "situatiebeeld" }.Select(k => (Kind: k, Count: p.Entities(k).Count)).Where(k => k.Count > 0);
        return (states.Count, states.Count(s => s!.Contradictions.Count > 0), states.Sum(s => s!.Contradictions.Count), states.Sum(s => s!.Resolved.Count), p.Sources.Count,
            string.Join(", ", kinds.Select(k => $"{k.Count} {k.Kind}")));
    });
    Console.WriteLine($"Situation picture of {options.Name}: {incidents} incidents from {sources} sources; {open} open contradictions in {contradicted} incidents, {resolved} resolved by a besluit; {entities}.");
    foreach (var id in ingest.Read(p => p.IncidentIds))
    {
        var state = ingest.Read(p => p.Incident(id))!;
        var marks = state.Contradictions.Select(c => $"CONTRADICTION {c.Field}: {c.Reason}").Concat(state.Resolved.Select(r => $"resolved {r.Contradiction.Field} by {r.Resolution.BesluitId}"));
        Console.WriteLine($"  {id}  {state.Fields.GetValueOrDefault("grip")?.Value,-6} {state.Fields.GetValueOrDefault("classificatie")?.Value,-7} {state.Sources.Count} source(s)  {string.Join("; ", marks)}");
    }

    Console.WriteLine($"Record: {ingest.Log.Count} messages in {Path.Combine(options.Data, "berichten.db")}; portal {address}");
}
