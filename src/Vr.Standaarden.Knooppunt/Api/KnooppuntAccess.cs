using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Knooppunt;

/// <summary>
/// Who may read and write at a node (<see cref="KnooppuntEndpointOptions.Access"/>). Every caller is known by an OIN:
/// the claim <see cref="OinClaim"/> of an authenticated user, or else the OIN in the subject's serialNumber of the TLS
/// client certificate (PKIoverheid-style; the certificate chains to the node's trust anchors, see
/// <see cref="ValidateClientCertificate"/>). A caller must be an afnemer in the register. Every read is decided for
/// the caller by <see cref="Policy"/>, the same sharing policy that decides forwarding: what the caller may not have is
/// minimised or absent, in counts too. A message is accepted only from the system its <c>source</c> names, or from a
/// caller in <see cref="Forwarders"/>.
/// </summary>
public sealed class KnooppuntAccess
{
    /// <summary>The claim that carries a caller's OIN when it signed in with a token (OAuth 2.0, OpenID Connect).</summary>
    public const string OinClaim = "oin";

    /// <summary>Access decided by <paramref name="register"/> and <paramref name="policy"/>.</summary>
    public KnooppuntAccess(RecipientRegister register, SharingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(policy);
        Register = register;
        Policy = policy;
    }

    /// <summary>The afnemers: who the node knows.</summary>
    public RecipientRegister Register { get; }

    /// <summary>The policy that decides, per caller, what each read returns.</summary>
    public SharingPolicy Policy { get; }

    /// <summary>The OINs of knooppunten that may deliver messages of other sources (they forward for them).</summary>
    public ISet<string> Forwarders { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The OINs that may read the processing log (<c>GET /verwerkingen</c>) and the reports of grants: the privacy
    /// officer's systems, and people acting for one of them in the role <see cref="PrivacyOfficerRole"/>.
    /// </summary>
    public ISet<string> PrivacyOfficers { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The OINs for which a person in the role <see cref="ChairRole"/> may open data temporarily (<c>POST /doorbraken</c>,
    /// <see cref="TemporaryGrant"/>) and read the grants' reports: the safety region's own.
    /// </summary>
    public ISet<string> Chairs { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The role (claim <see cref="RoleClaim"/>) of the chair of the safety region, who may grant a doorbraak.</summary>
    public const string ChairRole = "voorzitter";

    /// <summary>The role (claim <see cref="RoleClaim"/>) of the privacy officer (functionaris gegevensbescherming).</summary>
    public const string PrivacyOfficerRole = "privacyfunctionaris";

    /// <summary>Whether <paramref name="principal"/> is a person with <paramref name="role"/> among the values of its <see cref="RoleClaim"/> claims.</summary>
    public static bool HasRole(ClaimsPrincipal principal, string role)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindAll(RoleClaim).Any(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(role, StringComparer.Ordinal));
    }

    /// <summary>Whether the caller is the chair: a person in the role <see cref="ChairRole"/> acting for an OIN in <see cref="Chairs"/>.</summary>
    internal bool IsChair(HttpContext context) =>
        CallerOin(context) is { } oin && Chairs.Contains(oin) && Register.Find(oin) is not null && HasRole(context.User, ChairRole);

    /// <summary>
    /// Whether the caller is the privacy officer: a system in <see cref="PrivacyOfficers"/>, or a person acting for one in
    /// the role <see cref="PrivacyOfficerRole"/> (a person of that organisation in another role is not).
    /// </summary>
    internal bool IsPrivacyOfficer(HttpContext context) =>
        CallerOin(context) is { } oin && PrivacyOfficers.Contains(oin) && Register.Find(oin) is not null
        && (context.User.FindFirst(RoleClaim) is null || HasRole(context.User, PrivacyOfficerRole));

    /// <summary>
    /// The caller's OIN: the <see cref="OinClaim"/> of an authenticated user (or its <c>client_id</c> or <c>sub</c> when
    /// that is an OIN), else its client certificate's; <c>null</c> for an unknown caller.
    /// </summary>
    public static string? CallerOin(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated == true)
        {
            // The oin claim; a client credentials token may name the client by its OIN instead (client_id, sub).
            foreach (var type in new[] { OinClaim, "client_id", "sub" })
            {
                if (context.User.FindFirst(type)?.Value is { Length: > 0 } claimed && (type == OinClaim || (claimed.Length == 20 && claimed.All(char.IsAsciiDigit))))
                {
                    return claimed;
                }
            }
        }

        return context.Connection.ClientCertificate is { } certificate ? OinOf(certificate) : null;
    }

    /// <summary>The OIN in the subject's serialNumber of <paramref name="certificate"/> (as PKIoverheid certificates carry it), or <c>null</c>.</summary>
    public static string? OinOf(X509Certificate2 certificate) =>
        MessageVerifier.SubjectSerialNumber(certificate) is { Length: 20 } value && value.All(char.IsAsciiDigit) ? value : null;

    /// <summary>
    /// Whether <paramref name="certificate"/> chains to one of <paramref name="anchors"/> and is valid now (for Kestrel's
    /// <c>ClientCertificateValidation</c>, so that an untrusted or expired certificate ends the handshake).
    /// </summary>
    public static bool ValidateClientCertificate(X509Certificate2 certificate, X509Chain? presented, X509Certificate2Collection anchors)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(anchors);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = DateTime.Now;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(certificate);
    }

    /// <summary>
    /// The caller's entry in the register (its organisation's rights; a person's claims narrow it when it reads, see
    /// <see cref="Narrow"/>), or the answer that refuses it: 401 for an unknown caller, 403 for one not in the register.
    /// </summary>
    internal (Recipient? Caller, int Status, string Detail) Identify(HttpContext context)
    {
        if (CallerOin(context) is not { } oin)
        {
            return (null, 401, "The caller is not known: present a client certificate that chains to the node's trust anchors, or a token.");
        }

        return Register.Find(oin) is { } recipient
            ? (recipient, 200, "")
            : (null, 403, $"OIN {oin} is not an afnemer in this node's register.");
    }

    /// <summary>
    /// What a person may have who acts for <paramref name="organisation"/>: never more than it. A principal with a
    /// <c>rol</c> claim is a person; its <c>doelen</c>, <c>persoonsgegevens</c> and <c>rubricering</c> claims (values
    /// separated by spaces) narrow the organisation's entry: purposes and kinds of personal data to those in both (the
    /// organisation's purposes when the person names none; no personal data when the person names none), the clearance
    /// to the lower (none when the person names none). A system (no <c>rol</c>) has its entry as it is.
    /// </summary>
    public static Recipient Narrow(Recipient organisation, ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.FindFirst(RoleClaim) is null)
        {
            return organisation;
        }

        string[]? Values(string type)
        {
            var claims = principal.FindAll(type).ToList();
            return claims.Count == 0 ? null : [.. claims.SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        }

        var purposes = Values("doelen") is { } named ? [.. organisation.Doelen.Intersect(named, StringComparer.Ordinal)] : organisation.Doelen;
        var personal = Values("persoonsgegevens") is { } kinds ? organisation.Persoonsgegevens.Intersect(kinds, StringComparer.Ordinal).ToList() : [];
        var clearance = Values("rubricering")?.FirstOrDefault() is { } level && Array.IndexOf(Clearances, level) is >= 0 and var rank
            ? Clearances[Math.Min(rank, Math.Max(0, Array.IndexOf(Clearances, organisation.Rubricering)))]
            : Clearances[0];
        return organisation with { Doelen = purposes, Persoonsgegevens = personal, Rubricering = clearance };
    }

    /// <summary>The claim that marks a person (and names their role, such as <c>officier</c> or <c>voorzitter</c>).</summary>
    public const string RoleClaim = "rol";

    private static readonly string[] Clearances = ["geen", "DEP-V", "STG-C", "STG-G", "STG-ZG"];

    /// <summary>For <c>POST /berichten</c>: a message is accepted only from the system its source names, or from a forwarding knooppunt.</summary>
    internal ReceiveProblem? Authorize(HttpContext context, TransportMessage message)
    {
        var (caller, status, detail) = Identify(context);
        if (caller is null)
        {
            return new ReceiveProblem(status == 401 ? AccessCodes.Unknown : AccessCodes.NotRegistered, "", detail);
        }

        var source = MessageVerifier.OinOf(message.Source);
        if (source == caller.Oin || Forwarders.Contains(caller.Oin))
        {
            return null;
        }

        return new ReceiveProblem(AccessCodes.NotTheSource, "/source",
            $"The message's source is OIN {source ?? "(none)"} ({message.Source}); the caller is OIN {caller.Oin}, which may deliver only its own messages.");
    }
}

/// <summary>Codes of a node's access refusals.</summary>
public static class AccessCodes
{
    /// <summary>The caller is not known (no trusted client certificate, no token).</summary>
    public const string Unknown = "VR-TOEGANG-001";

    /// <summary>The caller is known but not an afnemer in the node's register.</summary>
    public const string NotRegistered = "VR-TOEGANG-002";

    /// <summary>A message whose <c>source</c> is another OIN than the caller's, from a caller that does not forward for others.</summary>
    public const string NotTheSource = "VR-TOEGANG-003";

    /// <summary>A node without access control answered a request that did not come over the loopback interface.</summary>
    public const string OpenNotLocal = "VR-TOEGANG-004";
}
