package dev.trafficwizard.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The OpenAPI document describes every part of the plan #16 added, with Istio's field names and defaults. */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@WithMockUser(roles = "VIEWER")
@AutoConfigureMockMvc
class PlanSchemaDocsTest {

    @Autowired
    MockMvc mvc;

    @Test
    void everyNewPlanFieldIsInTheOpenApiDocumentWithItsDescription() throws Exception {
        var result = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
        for (var schema : PlanSchemaDocs.DOCS.entrySet()) {
            for (var property : schema.getValue().entrySet()) {
                String at = property.getKey().isEmpty()
                        ? "$.components.schemas." + schema.getKey() + ".description"
                        : "$.components.schemas." + schema.getKey() + ".properties." + property.getKey() + ".description";
                result.andExpect(jsonPath(at).value(property.getValue()));
            }
        }
        result.andExpect(jsonPath("$.components.schemas.PlanRequest.properties.trafficPolicy.description")
                        .value("The DestinationRule's trafficPolicy for the whole service."))
                .andExpect(jsonPath("$.components.schemas.MatchCondition.properties.port.type").value("integer"))
                .andExpect(jsonPath("$.components.schemas.Mirror.properties.percent.type").value("number"))
                // setsNothing() is not a bean property (isEmpty() was: an "empty" field in JSON and schema)
                .andExpect(jsonPath("$.components.schemas.TrafficPolicy.properties.empty").doesNotExist())
                .andExpect(jsonPath("$.components.schemas.TrafficPolicy.properties.tls").exists())
                .andExpect(jsonPath("$.components.schemas.Operations.properties.empty").doesNotExist())
                .andExpect(jsonPath("$.components.schemas.Operations.properties.set").exists());
    }
}
