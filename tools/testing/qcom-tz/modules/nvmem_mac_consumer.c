// SPDX-License-Identifier: GPL-2.0
/*
 * A device tree consumer of a MAC address NVMEM cell, for the guest tests
 * of the DPP layout: the board's node
 *
 *	mac-consumer {
 *		compatible = "qcom-tz,nvmem-mac-consumer";
 *		nvmem-cells = <&wlan_mac>;
 *		nvmem-cell-names = "mac-address";
 *	};
 *
 * binds once the cell exists (probe defers until then) and shows what
 * of_get_mac_address() read in /sys/bus/platform/devices/<node>/mac, as
 * a network driver would use it. Not part of the driver series.
 */
#include <linux/device.h>
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_net.h>
#include <linux/platform_device.h>

struct nvmem_mac_consumer {
	u8 mac[ETH_ALEN];
};

static ssize_t mac_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	struct nvmem_mac_consumer *c = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%pM\n", c->mac);
}
static DEVICE_ATTR_RO(mac);

static struct attribute *nvmem_mac_consumer_attrs[] = {
	&dev_attr_mac.attr,
	NULL
};
ATTRIBUTE_GROUPS(nvmem_mac_consumer);

static int nvmem_mac_consumer_probe(struct platform_device *pdev)
{
	struct nvmem_mac_consumer *c;
	int ret;

	c = devm_kzalloc(&pdev->dev, sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	ret = of_get_mac_address(pdev->dev.of_node, c->mac);
	if (ret)
		return dev_err_probe(&pdev->dev, ret,
				     "no MAC address from NVMEM\n");
	platform_set_drvdata(pdev, c);
	dev_info(&pdev->dev, "MAC address %pM from NVMEM\n", c->mac);

	return 0;
}

static const struct of_device_id nvmem_mac_consumer_of_match[] = {
	{ .compatible = "qcom-tz,nvmem-mac-consumer" },
	{ }
};
MODULE_DEVICE_TABLE(of, nvmem_mac_consumer_of_match);

static struct platform_driver nvmem_mac_consumer_driver = {
	.probe = nvmem_mac_consumer_probe,
	.driver = {
		.name = "nvmem-mac-consumer",
		.of_match_table = nvmem_mac_consumer_of_match,
		.dev_groups = nvmem_mac_consumer_groups,
	},
};
module_platform_driver(nvmem_mac_consumer_driver);

MODULE_DESCRIPTION("Test consumer of a MAC address NVMEM cell (qcom-tz)");
MODULE_LICENSE("GPL");
