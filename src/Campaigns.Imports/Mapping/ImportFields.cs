using Campaigns.Domain.Imports;

namespace Campaigns.Imports.Mapping;

/// <summary>The fields of each import kind. Names are what <c>--map column=field</c> and saved mappings use.</summary>
public static class ImportFields
{
    /// <summary>Map a column to this to leave it out (customers: instead of keeping it as a custom attribute).</summary>
    public const string Ignore = "ignore";

    public static readonly IReadOnlyList<ImportField> Customers =
    [
        new("external_id", FieldType.Text, true, "the store's customer id", "customer_id", "customer", "customer_number", "customer_no", "client_id", "user_id", "id"),
        new("email", FieldType.Text, false, "e-mail address", "email_address", "e_mail", "mail"),
        new("first_name", FieldType.Text, false, "first name", "firstname", "given_name", "forename"),
        new("region", FieldType.Text, false, "region, state or country (\"Unknown\" when empty)", "state", "province", "country", "area"),
        new("device", FieldType.Text, false, "Desktop, Mobile or Tablet", "device_type", "platform"),
        new("signed_up_at", FieldType.Date, false, "date the customer signed up", "signup_date", "signed_up", "registered_at", "created_at", "customer_since"),
        new("email_opt_in", FieldType.Boolean, false, "accepts marketing e-mail", "opt_in", "newsletter", "subscribed", "accepts_marketing"),
    ];

    public static readonly IReadOnlyList<ImportField> Products =
    [
        new("sku", FieldType.Text, true, "the store's product id", "product_id", "product_code", "item_id", "stock_code", "article"),
        new("name", FieldType.Text, true, "product name", "product_name", "title", "product"),
        new("category", FieldType.Text, true, "category name (created when new)", "category_name", "product_category", "department"),
        new("price", FieldType.Number, true, "list price", "unit_price", "list_price", "retail_price"),
        new("cost", FieldType.Number, false, "unit cost (0 when empty)", "unit_cost", "cost_price", "cogs"),
        new("description", FieldType.Text, false, "description", "product_description", "details"),
        new("active", FieldType.Boolean, false, "still sold", "is_active", "enabled", "available"),
    ];

    public static readonly IReadOnlyList<ImportField> Orders =
    [
        new("order_id", FieldType.Text, true, "the store's order id (one row per order line; an order's lines together)", "order_number", "order_no", "order", "invoice", "invoice_no", "transaction_id"),
        new("customer_id", FieldType.Text, true, "the customer's external id (imported before)", "customer", "customer_number", "client_id", "user_id"),
        new("placed_at", FieldType.Date, true, "order date", "order_date", "date", "ordered_at", "invoice_date", "created_at"),
        new("sku", FieldType.Text, true, "the product's sku (imported before)", "product_id", "product_code", "item_id", "stock_code"),
        new("quantity", FieldType.Integer, true, "units on the line", "qty", "units", "count"),
        new("unit_price", FieldType.Number, true, "price paid per unit", "price", "price_paid", "unit_price_paid"),
        new("discount", FieldType.Number, false, "discount on the line (0 when empty)", "discount_amount", "line_discount"),
        new("shipping", FieldType.Number, false, "the order's shipping fee", "shipping_cost", "shipping_fee", "delivery"),
        new("coupon_code", FieldType.Text, false, "coupon used", "coupon", "promo_code", "voucher"),
    ];

    public static readonly IReadOnlyList<ImportField> Campaign =
    [
        new("customer_id", FieldType.Text, true, "the customer's external id (imported before; or use the row number)", "external_id", "customer", "client_id", "user_id", "id"),
        new("arm", FieldType.Text, true, "the arm the customer was in", "segment", "group", "variant", "treatment", "cell", "bucket"),
        new("assigned_at", FieldType.Date, false, "when the customer was assigned (else the campaign date)", "date", "sent_at", "exposed_at"),
        new("converted", FieldType.Boolean, false, "the primary outcome, 0/1 (else: revenue above 0)", "conversion", "purchased", "bought", "outcome"),
        new("revenue", FieldType.Number, false, "revenue from the customer in the campaign", "spend", "sales", "amount", "order_value"),
    ];

    public static readonly IReadOnlyList<ImportField> Copy =
    [
        new("channel", FieldType.Text, true, "email (the subject line), push or banner", "medium", "channel_name", "type"),
        new("text", FieldType.Text, true, "the line customers saw (at most 200 characters)", "copy", "headline", "subject", "subject_line", "message", "title"),
        new("tone", FieldType.Text, false, "urgent, friendly, premium or playful (friendly when empty)", "voice", "style"),
        new("impressions", FieldType.Integer, true, "how many customers saw it", "views", "sent", "delivered", "exposures", "opens"),
        new("clicks", FieldType.Integer, true, "how many of them clicked (at most the impressions)", "click", "clicked"),
        new("date", FieldType.Date, true, "when it was sent", "sent_at", "sent_on", "send_date", "created_at"),
        new("campaign", FieldType.Text, false, "the campaign it ran in: its name or id (gives the offer and category)", "campaign_name", "campaign_id"),
        new("offer", FieldType.Text, false, "percent, fixed, free_shipping or bundle (else the campaign's offer)", "offer_type", "promotion", "promotion_type"),
    ];

    public static IReadOnlyList<ImportField> For(ImportKind kind) => kind switch
    {
        ImportKind.Customers => Customers,
        ImportKind.Products => Products,
        ImportKind.Orders => Orders,
        ImportKind.Campaign => Campaign,
        ImportKind.Copy => Copy,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
