using System.Globalization;
using Tuopin.Application.Storage;
using Tuopin.Domain.Notices;

namespace Tuopin.Application.Notices;

/// <summary>
/// The county's settings for its public notices, kept in the settings table: how long an ended notice stays readable,
/// and the objection channel printed on every notice (the phone and address of the office that takes objections).
/// </summary>
public static class NoticeSettings
{
    public const string KeepDaysKey = "notices.keep_days";
    public const string ObjectionPhoneKey = "notices.objection_phone";
    public const string ObjectionAddressKey = "notices.objection_address";

    /// <summary>扶贫监督举报电话, the national number, when the county sets no phone of its own.</summary>
    public const string DefaultObjectionPhone = "12317";

    public const string DefaultObjectionAddress = "来凤县扶贫开发办公室";

    public sealed record Channel(string Phone, string Address);

    public static async Task<int> KeepDaysAsync(TuopinDb db, CancellationToken ct = default) =>
        int.TryParse(await StoredSettings.GetAsync(db, KeepDaysKey, ct), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d >= 0 ? d : NoticeRules.DefaultKeepDays;

    public static async Task<Channel> ChannelAsync(TuopinDb db, CancellationToken ct = default) =>
        new((await StoredSettings.GetAsync(db, ObjectionPhoneKey, ct)) ?? DefaultObjectionPhone,
            (await StoredSettings.GetAsync(db, ObjectionAddressKey, ct)) ?? DefaultObjectionAddress);

    /// <summary>Sets one of the keys above (the operator's command, or a test).</summary>
    public static async Task SetAsync(TuopinDb db, string key, string value, CancellationToken ct = default)
    {
        await StoredSettings.PutAsync(db, key, value, ct);
        await db.SaveChangesAsync(ct);
    }
}
