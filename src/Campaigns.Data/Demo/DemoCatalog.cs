namespace Campaigns.Data.Demo;

/// <summary>Word lists the demo store is built from.</summary>
internal static class DemoCatalog
{
    public static readonly (string Name, decimal MinPrice, decimal MaxPrice, string[] Nouns)[] Categories =
    [
        ("Women's Fashion", 19, 149, ["Wrap Dress", "Linen Blouse", "Knit Cardigan", "Midi Skirt", "Wool Coat", "Silk Scarf", "Denim Jacket"]),
        ("Men's Fashion", 19, 159, ["Oxford Shirt", "Chino Trousers", "Merino Jumper", "Rain Jacket", "Polo Shirt", "Overshirt", "Wool Blazer"]),
        ("Shoes", 39, 189, ["Leather Trainers", "Chelsea Boots", "Running Shoes", "Loafers", "Sandals", "Hiking Boots"]),
        ("Accessories", 9, 99, ["Leather Belt", "Tote Bag", "Sunglasses", "Beanie", "Card Holder", "Watch Strap"]),
        ("Home & Living", 12, 249, ["Throw Blanket", "Table Lamp", "Linen Cushion", "Ceramic Vase", "Wall Mirror", "Rug"]),
        ("Kitchen", 8, 199, ["Chef's Knife", "Cast Iron Pan", "Coffee Grinder", "Stoneware Bowls", "Teapot", "Chopping Board"]),
        ("Beauty", 6, 79, ["Face Serum", "Hand Cream", "Lip Balm Set", "Shampoo Bar", "Perfume", "Body Oil"]),
        ("Sports & Outdoors", 14, 299, ["Yoga Mat", "Trail Backpack", "Water Bottle", "Cycling Gloves", "Tent", "Running Vest"]),
        ("Electronics", 19, 399, ["Wireless Earbuds", "Bluetooth Speaker", "Phone Charger", "Smart Plug", "E-Reader Case", "Desk Lamp"]),
        ("Toys & Kids", 7, 89, ["Wooden Puzzle", "Plush Bear", "Building Blocks", "Kids Raincoat", "Art Set", "Board Game"]),
        ("Books", 6, 45, ["Cookbook", "Travel Guide", "Novel", "Notebook Set", "Atlas", "Poetry Collection"]),
        ("Garden", 9, 179, ["Planter", "Pruning Shears", "Seed Kit", "Garden Chair", "Watering Can", "Bird Feeder"]),
    ];

    public static readonly string[] Adjectives =
        ["Classic", "Organic", "Everyday", "Premium", "Recycled", "Nordic", "Vintage", "Essential", "Urban", "Coastal", "Heritage", "Soft"];

    /// <summary>What each category's products are made of and what they are good for, for product descriptions.</summary>
    public static readonly Dictionary<string, (string[] Materials, string[] Benefits)> Details = new()
    {
        ["Women's Fashion"] = (["soft cotton", "washed linen", "fine merino wool", "organic cotton jersey"],
            ["easy to layer", "cut for a relaxed fit", "made for all-day comfort", "easy to dress up or down"]),
        ["Men's Fashion"] = (["brushed cotton", "fine merino wool", "sturdy cotton twill", "recycled polyester"],
            ["made for all-day comfort", "cut for a clean, modern fit", "easy to care for", "built to last season after season"]),
        ["Shoes"] = (["full-grain leather", "soft suede", "breathable knit", "waxed canvas"],
            ["cushioned for all-day comfort", "made to be resoled", "light on your feet", "ready for wet pavements"]),
        ["Accessories"] = (["vegetable-tanned leather", "stainless steel", "soft wool", "recycled canvas"],
            ["made to age beautifully", "small enough for every day", "easy to pair with anything", "built to last"]),
        ["Home & Living"] = (["washed linen", "stoneware", "solid oak", "soft wool"],
            ["made to be lived with", "easy to care for", "built for everyday use", "a quiet finishing touch for any room"]),
        ["Kitchen"] = (["cast iron", "stoneware", "solid oak", "high-carbon steel"],
            ["made for daily cooking", "safe in the dishwasher", "built to last for years", "balanced and easy to use"]),
        ["Beauty"] = (["cold-pressed plant oils", "shea butter", "natural botanicals", "fragrance-free botanicals"],
            ["kind to sensitive skin", "made without harsh chemicals", "light and quick to absorb", "gentle enough for every day"]),
        ["Sports & Outdoors"] = (["ripstop nylon", "recycled polyester", "natural rubber", "lightweight aluminium"],
            ["built for the trail", "light enough to carry all day", "ready for any weather", "tough and easy to clean"]),
        ["Electronics"] = (["recycled aluminium", "soft-touch plastic", "tempered glass", "braided fabric"],
            ["simple to set up", "made for everyday use", "designed to save energy", "small enough to travel with"]),
        ["Toys & Kids"] = (["sustainable beech wood", "soft organic cotton", "non-toxic paints", "recycled card"],
            ["safe for little hands", "made for hours of play", "tested to toy safety standards", "built to be shared"]),
        ["Books"] = (["recycled paper", "cloth-bound boards", "heavyweight paper", "uncoated paper"],
            ["a joy to give and to keep", "perfect for quiet evenings", "made to be read again and again", "easy to slip into a bag"]),
        ["Garden"] = (["sustainably sourced wood", "recycled plastic", "galvanised steel", "terracotta"],
            ["built to weather the seasons", "easy to care for", "made for long summer evenings", "sturdy and simple to use"]),
    };

    /// <summary>
    /// Sentence patterns of product descriptions: {adjective}, {noun}, {colour}, {material}, {benefit} and {category}
    /// are filled in lower case and the first letter capitalised.
    /// </summary>
    public static readonly string[] DescriptionPatterns =
    [
        "{adjective} {noun} in {colour}, from our {category} range.",
        "Made from {material} and {benefit}, in {colour}.",
        "Our {adjective} {noun} in {colour}: {material}, {benefit}.",
        "Crafted from {material}, this {adjective} {noun} is {benefit}.",
        "The {noun} you'll reach for again and again: {material}, {benefit}.",
        "Hand-finished in {colour} and {benefit}, from our {category} range.",
        "{adjective} and {benefit}: our {noun} in {colour}.",
        "A favourite from our {category} range, in {colour}: {material} that is {benefit}.",
        "Simple, honest {material}, {benefit}. Available in {colour}.",
    ];

    public static readonly string[] Colours = ["Black", "Navy", "Sand", "Olive", "Rust", "Ivory", "Charcoal", "Sage"];

    public static readonly string[] Regions = ["North", "South", "East", "West", "Central", "Capital"];

    public static readonly string[] FirstNames =
        ["Alex", "Sam", "Jamie", "Maria", "Noah", "Olivia", "Liam", "Emma", "Lucas", "Mia", "Ava", "Leo", "Zoe", "Omar", "Priya", "Chen", "Anna", "Tom", "Sara", "Ben"];
}
