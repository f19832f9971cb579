package dev.trafficwizard.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Answers an htmx write with {@code HX-Redirect} to the service page, carrying the named model
 * attributes to it as flash attributes: the reloaded page is true everywhere and still shows what
 * the write did.
 */
record PageReload(HttpServletRequest request, HttpServletResponse response, String namespace, String name) {

    void with(Model model, String... attributes) {
        String path = request.getContextPath() + "/services/" + namespace + "/" + name;
        FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
        for (String attribute : attributes) {
            flash.put(attribute, model.getAttribute(attribute));
        }
        RequestContextUtils.saveOutputFlashMap(path, request, response);
        response.setHeader("HX-Redirect", path);
    }
}
