using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Vr.Standaarden.Knooppunt;

/// <summary>How much one caller may ask of a node (<see cref="KnooppuntProtection.AddKnooppuntRateLimits"/>).</summary>
public sealed class KnooppuntRateLimitOptions
{
    /// <summary>Requests a caller may make at once before it has to wait for new ones; 200 by default.</summary>
    public int Burst { get; set; } = 200;

    /// <summary>Requests a caller gets back per second; 50 by default.</summary>
    public int PerSecond { get; set; } = 50;
}

/// <summary>
/// What protects a node's HTTP side beyond access: per-caller rate limits, so one caller flooding the node cannot starve
/// the others (a token bucket per caller: its OIN when known, else its address; 429 with <c>Retry-After</c> beyond it), and
/// the security headers of every answer (a content security policy without inline script or style, no framing, no
/// sniffing, no referrer, HSTS over HTTPS).
/// </summary>
public static class KnooppuntProtection
{
    /// <summary>Registers the per-caller rate limits.</summary>
    public static IServiceCollection AddKnooppuntRateLimits(this IServiceCollection services, Action<KnooppuntRateLimitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new KnooppuntRateLimitOptions();
        configure?.Invoke(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Burst);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PerSecond);
        services.AddSingleton(options);
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetTokenBucketLimiter(CallerKey(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.Burst,
                TokensPerPeriod = options.PerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.ContentType = "application/problem+json";
                response.Headers.RetryAfter = (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1).ToString(CultureInfo.InvariantCulture);
                await response.WriteAsync("""{"type":"about:blank","title":"Te veel verzoeken","status":429,"detail":"This caller made more requests than the node allows; try again after Retry-After seconds."}""", cancellationToken).ConfigureAwait(false);
            };
        });
        return services;
    }

    /// <summary>
    /// Adds the security headers to every answer and, when <see cref="AddKnooppuntRateLimits"/> registered them, the
    /// per-caller rate limits. Call it before the node's endpoints are mapped.
    /// </summary>
    public static IApplicationBuilder UseKnooppuntProtection(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            return next(context);
        });
        if (app.ApplicationServices.GetService(typeof(KnooppuntRateLimitOptions)) is not null)
        {
            app.UseRateLimiter();
        }

        return app;
    }

    /// <summary>Whom a request counts against: the caller's OIN when it is known, else its address.</summary>
    private static string CallerKey(HttpContext context) =>
        KnooppuntAccess.CallerOin(context) is { } oin ? "oin:" + oin : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "?");
}
