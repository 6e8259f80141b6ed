namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the training page's attendance import (the rest of the training page is in <see cref="WatchEnglish"/>).</summary>
    private static Dictionary<string, string> TrainingEnglish => new()
    {
        ["或从签到名单导入（.xlsx、.xls 或 .csv）。"] = "Or import the sign-in list (.xlsx, .xls or .csv). ",
        ["。村填村名或12位村代码；身份证号可不填，填了且是您管辖范围内的在册成员时按该成员登记；是否结业不填即为已结业。全部正确才导入，否则一行也不导入。"] =
            ". 村 takes the village's name or its 12-digit code; 身份证号 may be left out, and when it is a registered member's of your area the row is recorded as that member; an empty 是否结业 means finished. The file is imported only when every row is right; otherwise nothing is.",
        ["已为“{0}”导入 {1} 名参训人员（在册成员 {2} 名，其他人员 {3} 名）"] = "Imported {1} attendees of \"{0}\" ({2} registered members, {3} others)",
    };
}
